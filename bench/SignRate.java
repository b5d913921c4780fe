import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Provider;
import java.security.Security;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;

/**
 * The physical limit for minting: raw JWS-sized signatures per second on this machine, with the
 * provider the server uses (Amazon Corretto Crypto Provider when it loads, else the JDK), on as
 * many threads as there are cores. Run with ACCP on the class path: see bench/run.
 */
public class SignRate {

	public static void main(String[] args) throws Exception {
		String provider = installAccp();
		int threads = Runtime.getRuntime().availableProcessors();
		double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 5;
		System.out.printf("provider=%s threads=%d%n", provider, threads);
		System.out.printf("RS256 %.0f%n", rate("RSA", 2048, "SHA256withRSA", threads, seconds));
		System.out.printf("ES256 %.0f%n", rate("EC", 256, "SHA256withECDSA", threads, seconds));
	}

	static String installAccp() {
		try {
			Class<?> type = Class.forName("com.amazon.corretto.crypto.provider.AmazonCorrettoCryptoProvider");
			Provider accp = (Provider) type.getField("INSTANCE").get(null);
			if (type.getMethod("getLoadingError").invoke(accp) == null) {
				Security.insertProviderAt(accp, 1);
				return accp.getName();
			}
		}
		catch (ReflectiveOperationException | LinkageError ex) {
			// the JDK's providers, as the server would use
		}
		return "JDK";
	}

	static double rate(String type, int bits, String algorithm, int threads, double seconds) throws Exception {
		KeyPairGenerator generator = KeyPairGenerator.getInstance(type);
		if (type.equals("EC")) {
			generator.initialize(new ECGenParameterSpec("secp256r1"));
		}
		else {
			generator.initialize(bits);
		}
		KeyPair pair = generator.generateKeyPair();
		byte[] input = new byte[400]; // about a playback token's header and payload
		long deadline = System.nanoTime() + (long) (seconds * 1e9);
		long[] counts = new long[threads];
		Thread[] workers = new Thread[threads];
		for (int t = 0; t < threads; t++) {
			int index = t;
			workers[t] = new Thread(() -> {
				try {
					Signature signature = Signature.getInstance(algorithm);
					signature.initSign(pair.getPrivate());
					while (System.nanoTime() < deadline) {
						signature.update(input);
						signature.sign();
						counts[index]++;
					}
				}
				catch (Exception ex) {
					throw new IllegalStateException(ex);
				}
			});
			workers[t].start();
		}
		long total = 0;
		for (int t = 0; t < threads; t++) {
			workers[t].join();
			total += counts[t];
		}
		return total / seconds;
	}
}
