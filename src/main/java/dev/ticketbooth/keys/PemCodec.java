package dev.ticketbooth.keys;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;

import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.RSAKeyParameters;
import org.bouncycastle.crypto.params.RSAPrivateCrtKeyParameters;
import org.bouncycastle.crypto.util.PrivateKeyFactory;
import org.bouncycastle.crypto.util.SubjectPublicKeyInfoFactory;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.math.ec.FixedPointCombMultiplier;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8DecryptorProviderBuilder;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8EncryptorBuilder;
import org.bouncycastle.openssl.jcajce.JcePEMDecryptorProviderBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;
import org.bouncycastle.pkcs.PKCSException;
import org.bouncycastle.util.io.pem.PemObject;

/**
 * PEM in and out, with BouncyCastle: private keys as PKCS#1 ({@code RSA PRIVATE KEY}), SEC1
 * ({@code EC PRIVATE KEY}), PKCS#8 and encrypted PKCS#8 (and legacy OpenSSL-encrypted); public
 * keys as SPKI ({@code PUBLIC KEY}) or inside a certificate. Only keys the ring can sign with
 * are accepted: RSA of at least 2048 bits, EC P-256, EC P-384 and Ed25519.
 */
public final class PemCodec {

	/** Bounded so a hostile upload cannot make the parser work hard. */
	public static final int MAX_PEM_CHARS = 64 * 1024;

	private static final JcaPEMKeyConverter converter = new JcaPEMKeyConverter();

	private static final BouncyCastleProvider BOUNCY_CASTLE = new BouncyCastleProvider();

	private PemCodec() {
	}

	/** A private key PEM, with the public half derived from it. */
	public static KeyPair readKeyPair(String pem, char[] password) {
		Object object = decrypt(readObject(pem), password);
		PrivateKeyInfo info;
		if (object instanceof PEMKeyPair pair) {
			info = pair.getPrivateKeyInfo();
		}
		else if (object instanceof PrivateKeyInfo privateKeyInfo) {
			info = privateKeyInfo;
		}
		else if (object instanceof SubjectPublicKeyInfo || object instanceof X509CertificateHolder) {
			throw new PemException("private-key-required",
					"This PEM holds only a public key; a signing key needs its private key");
		}
		else {
			throw new PemException("unsupported-pem", "Unsupported PEM content: " + describe(object));
		}
		try {
			SubjectPublicKeyInfo publicInfo = derivePublic(info);
			PublicKey publicKey = converter.getPublicKey(publicInfo);
			checkSupported(publicKey);
			return new KeyPair(publicKey, converter.getPrivateKey(info));
		}
		catch (IOException | RuntimeException ex) {
			if (ex instanceof PemException pemException) {
				throw pemException;
			}
			throw new PemException("malformed-pem", "The PEM block holds no readable key");
		}
	}

	/** Opens encrypted PEM with BouncyCastle's own ciphers (not registered globally, so signing keeps ACCP/JDK). */
	private static Object decrypt(Object object, char[] password) {
		try {
			if (object instanceof PEMEncryptedKeyPair encrypted) {
				return encrypted.decryptKeyPair(
						new JcePEMDecryptorProviderBuilder().setProvider(BOUNCY_CASTLE).build(requirePassword(password)));
			}
			if (object instanceof PKCS8EncryptedPrivateKeyInfo encrypted) {
				return encrypted.decryptPrivateKeyInfo(new JceOpenSSLPKCS8DecryptorProviderBuilder()
					.setProvider(BOUNCY_CASTLE).build(requirePassword(password)));
			}
			return object;
		}
		catch (PKCSException | OperatorCreationException | IOException ex) {
			throw new PemException("pem-decryption-failed",
					"The encrypted private key could not be decrypted: wrong password or unsupported encryption");
		}
	}

	/** A public key PEM: SPKI, or the key of a certificate. */
	public static PublicKey readPublicKey(String pem) {
		Object object = readObject(pem);
		try {
			SubjectPublicKeyInfo info;
			if (object instanceof SubjectPublicKeyInfo spki) {
				info = spki;
			}
			else if (object instanceof X509CertificateHolder certificate) {
				info = certificate.getSubjectPublicKeyInfo();
			}
			else if (object instanceof PEMKeyPair pair) {
				info = pair.getPublicKeyInfo();
			}
			else {
				throw new PemException("unsupported-pem", "Expected a PUBLIC KEY PEM, got " + describe(object));
			}
			PublicKey key = converter.getPublicKey(info);
			checkSupported(key);
			return key;
		}
		catch (IOException | RuntimeException ex) {
			if (ex instanceof PemException pemException) {
				throw pemException;
			}
			throw new PemException("malformed-pem", "The PEM block holds no readable key");
		}
	}

	/** SPKI, the {@code PUBLIC KEY} PEM partners upload (Vidbeo) or verifiers configure. */
	public static String writePublicKey(PublicKey key) {
		return write(key);
	}

	/** Unencrypted PKCS#8 ({@code PRIVATE KEY}). */
	public static String writePkcs8(PrivateKey key) {
		try {
			return write(new JcaPKCS8Generator(key, null).generate());
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** PKCS#8 encrypted with AES-256-CBC under a PBKDF2 key ({@code ENCRYPTED PRIVATE KEY}). */
	public static String writeEncryptedPkcs8(PrivateKey key, char[] password) {
		try {
			var encryptor = new JceOpenSSLPKCS8EncryptorBuilder(JcaPKCS8Generator.AES_256_CBC).setProvider(BOUNCY_CASTLE)
				.setPassword(password).build();
			return write(new JcaPKCS8Generator(key, encryptor).generate());
		}
		catch (IOException | OperatorCreationException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** The traditional OpenSSL form: PKCS#1 for RSA, SEC1 (with its named curve) for EC. */
	public static String writeTraditional(KeyPair pair) {
		try {
			PrivateKeyInfo info = PrivateKeyInfo.getInstance(pair.getPrivate().getEncoded());
			if (pair.getPrivate() instanceof java.security.interfaces.RSAPrivateKey) {
				return write(new PemObject("RSA PRIVATE KEY", info.parsePrivateKey().toASN1Primitive().getEncoded()));
			}
			if (pair.getPrivate() instanceof java.security.interfaces.ECPrivateKey ec) {
				SubjectPublicKeyInfo publicInfo = SubjectPublicKeyInfo.getInstance(pair.getPublic().getEncoded());
				var sec1 = new org.bouncycastle.asn1.sec.ECPrivateKey(ec.getParams().getOrder().bitLength(), ec.getS(),
						publicInfo.getPublicKeyData(), info.getPrivateKeyAlgorithm().getParameters());
				return write(new PemObject("EC PRIVATE KEY", sec1.getEncoded()));
			}
			throw new IllegalArgumentException("Only RSA and EC keys have a traditional PEM form");
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static Object readObject(String pem) {
		if (pem == null || pem.isBlank()) {
			throw new PemException("malformed-pem", "No PEM given");
		}
		if (pem.length() > MAX_PEM_CHARS) {
			throw new PemException("malformed-pem", "The PEM is longer than " + MAX_PEM_CHARS + " characters");
		}
		try (PEMParser parser = new PEMParser(new StringReader(pem))) {
			Object object = parser.readObject();
			if (object == null) {
				throw new PemException("malformed-pem", "No PEM block (-----BEGIN ...-----) found");
			}
			return object;
		}
		catch (IOException | RuntimeException ex) {
			if (ex instanceof PemException pemException) {
				throw pemException;
			}
			throw new PemException("malformed-pem", "The PEM could not be parsed: its body is not valid base64 DER");
		}
	}

	private static SubjectPublicKeyInfo derivePublic(PrivateKeyInfo info) throws IOException {
		AsymmetricKeyParameter privateParameters = PrivateKeyFactory.createKey(info);
		AsymmetricKeyParameter publicParameters;
		if (privateParameters instanceof RSAPrivateCrtKeyParameters rsa) {
			publicParameters = new RSAKeyParameters(false, rsa.getModulus(), rsa.getPublicExponent());
		}
		else if (privateParameters instanceof ECPrivateKeyParameters ec) {
			var q = new FixedPointCombMultiplier().multiply(ec.getParameters().getG(), ec.getD()).normalize();
			publicParameters = new ECPublicKeyParameters(q, ec.getParameters());
		}
		else if (privateParameters instanceof Ed25519PrivateKeyParameters ed) {
			publicParameters = ed.generatePublicKey();
		}
		else {
			throw new PemException("unsupported-key",
					"Unsupported key type; the ring signs with RSA (RS256), EC P-256 (ES256), EC P-384 (ES384) and Ed25519 (EdDSA)");
		}
		return SubjectPublicKeyInfoFactory.createSubjectPublicKeyInfo(publicParameters);
	}

	static void checkSupported(PublicKey key) {
		if (key instanceof RSAPublicKey rsa) {
			if (rsa.getModulus().bitLength() < 2048) {
				throw new PemException("weak-key", "RSA keys must have at least 2048 bits; this one has "
						+ rsa.getModulus().bitLength());
			}
			return;
		}
		if (key instanceof ECPublicKey) {
			try {
				KeyAlgorithm.of(key); // the curve's parameters, not just its size
			}
			catch (IllegalArgumentException ex) {
				throw new PemException("unsupported-key",
						"Only the P-256 (ES256) and P-384 (ES384) curves are supported for EC keys");
			}
			return;
		}
		if (("Ed25519".equals(key.getAlgorithm()) || "EdDSA".equals(key.getAlgorithm())) && key.getEncoded().length == 44) {
			return;
		}
		throw new PemException("unsupported-key",
				"Unsupported key type " + key.getAlgorithm() + "; the ring signs with RSA, EC P-256, EC P-384 and Ed25519");
	}

	private static char[] requirePassword(char[] password) {
		if (password == null || password.length == 0) {
			throw new PemException("pem-password-required", "This private key is encrypted; give its password");
		}
		return password;
	}

	private static String describe(Object object) {
		return object.getClass().getSimpleName();
	}

	private static String write(Object object) {
		StringWriter out = new StringWriter();
		try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
			if (object instanceof PemObject pemObject) {
				writer.writeObject(pemObject);
			}
			else {
				writer.writeObject(object);
			}
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		return out.toString();
	}

	/** Unreadable or unsupported PEM; {@code code} is the problem code the API answers with. */
	public static final class PemException extends RuntimeException {

		private final String code;

		PemException(String code, String message) {
			super(message);
			this.code = code;
		}

		public String code() {
			return code;
		}
	}
}
