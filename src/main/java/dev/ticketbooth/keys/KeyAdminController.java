package dev.ticketbooth.keys;

import java.security.KeyPair;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonAnySetter;
import dev.ticketbooth.config.ApiProblemException;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Operator API for keys and key sets, under {@code /api/admin}. */
@RestController
@RequestMapping("/api/admin")
class KeyAdminController {

	static final String PEM = "application/x-pem-file";

	static final String JWK = "application/jwk+json";

	private final KeyRing ring;

	private final KeyRotation rotation;

	private final KeyProperties properties;

	KeyAdminController(KeyRing ring, KeyRotation rotation, KeyProperties properties) {
		this.ring = ring;
		this.rotation = rotation;
		this.properties = properties;
	}

	record KeyList(List<KeySet> sets, List<KeyView> keys) {
	}

	record RotationResponse(List<RotationResult> results) {
	}

	/**
	 * {@code pem}: PEM, or base64 of a PEM (Mux's {@code private_key}, Cloudflare's {@code pem});
	 * {@code jwk}: a private JWK as an object, as JSON text or base64 of it (Cloudflare's
	 * {@code jwk}). A body that is itself a private JWK (it has {@code kty}) is read whole, with
	 * {@code set}, {@code partner_key_id} and {@code activate} from the query as for raw PEM.
	 * {@code secret}: a CDN's shared secret (Akamai key, bunny.net security key) for an HS256 set.
	 */
	record ImportRequest(String pem, Object jwk, String password, String set, String partnerKeyId, Boolean activate,
			String secret, @JsonAnySetter Map<String, Object> otherMembers) {

		/** Names the options only: a request printed anywhere shows no key, password or secret. */
		@Override
		public String toString() {
			return "ImportRequest[set=" + set + ", partnerKeyId=" + partnerKeyId + ", activate=" + activate + "]";
		}

		/** The only form of a secret; with a key pair beside it the request is ambiguous. */
		boolean isSecret() {
			if (secret != null && (pem != null || jwk != null || (otherMembers != null && otherMembers.containsKey("kty")))) {
				throw ApiProblemException.badRequest("malformed-request",
						"Give one key: \"secret\", \"pem\", \"jwk\", or a JWK as the whole body");
			}
			return secret != null;
		}

		@SuppressWarnings("unchecked") // a JSON object's keys are strings
		KeyPair keyPair() {
			char[] secret = password == null ? null : password.toCharArray();
			boolean bareJwk = otherMembers != null && otherMembers.containsKey("kty");
			if ((pem != null ? 1 : 0) + (jwk != null ? 1 : 0) + (bareJwk ? 1 : 0) > 1) {
				throw ApiProblemException.badRequest("malformed-request",
						"Give one key: \"pem\", \"jwk\", or a JWK as the whole body");
			}
			if (bareJwk) {
				return JwkCodec.readKeyPair(otherMembers);
			}
			if (jwk instanceof Map<?, ?> members) {
				return JwkCodec.readKeyPair((Map<String, Object>) members);
			}
			if (jwk != null && !(jwk instanceof String)) {
				throw new PemCodec.PemException("malformed-jwk", "\"jwk\" is a JSON object, or its text, or base64 of it");
			}
			return PrivateKeyText.readKeyPair(jwk != null ? (String) jwk : pem, secret);
		}
	}

	record KeyUpdate(String partnerKeyId) {
	}

	record KeySetRequest(String name, List<String> algorithms, Boolean published) {
	}

	@GetMapping("/keys")
	KeyList keys() {
		ring.refreshIfChanged();
		return new KeyList(rotation.sets(), ring.keys().stream().map(k -> KeyView.of(k, properties)).toList());
	}

	@GetMapping("/keys/{kid}")
	KeyView key(@PathVariable String kid) {
		return KeyView.of(find(kid), properties);
	}

	@PostMapping("/keys/rotate")
	RotationResponse rotate(@RequestParam(defaultValue = KeySet.DEFAULT) String set,
			@RequestParam(required = false) String algorithm, @RequestParam(defaultValue = "false") boolean force) {
		return new RotationResponse(rotation.rotate(set, algorithm == null ? null : parseAlgorithm(algorithm), force));
	}

	@PostMapping("/keys/{kid}/revoke")
	KeyView revoke(@PathVariable String kid) {
		return KeyView.of(rotation.revoke(kid), properties);
	}

	@PatchMapping(path = "/keys/{kid}", consumes = MediaType.APPLICATION_JSON_VALUE)
	KeyView update(@PathVariable String kid, @RequestBody KeyUpdate update) {
		return KeyView.of(rotation.setPartnerKeyId(kid, update.partnerKeyId()), properties);
	}

	/** Options in the body win over the same options in the query. */
	@PostMapping(path = "/keys/import", consumes = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<KeyView> importJson(@RequestBody ImportRequest request,
			@RequestParam(defaultValue = KeySet.DEFAULT) String set,
			@RequestParam(name = "partner_key_id", required = false) String partnerKeyId,
			@RequestParam(defaultValue = "false") boolean activate) {
		String toSet = request.set() == null ? set : request.set();
		String vendorId = request.partnerKeyId() == null ? partnerKeyId : request.partnerKeyId();
		boolean activated = request.activate() == null ? activate : request.activate();
		if (request.isSecret()) {
			return imported(rotation.importSecret(request.secret(), toSet, vendorId, activated));
		}
		return imported(rotation.importKey(request.keyPair(), toSet, vendorId, activated));
	}

	/**
	 * Raw body, for {@code curl --data-binary @key.pem}: PEM, a private JWK, or either base64-encoded;
	 * encrypted keys need the JSON form.
	 */
	@PostMapping(path = "/keys/import", consumes = { PEM, JWK, MediaType.TEXT_PLAIN_VALUE })
	ResponseEntity<KeyView> importPem(@RequestBody String pem, @RequestParam(defaultValue = KeySet.DEFAULT) String set,
			@RequestParam(name = "partner_key_id", required = false) String partnerKeyId,
			@RequestParam(defaultValue = "false") boolean activate) {
		return imported(rotation.importKey(PrivateKeyText.readKeyPair(pem, null), set, partnerKeyId, activate));
	}

	@GetMapping(path = "/keys/{kid}/public.pem", produces = PEM)
	String publicPem(@PathVariable String kid) {
		return PemCodec.writePublicKey(find(kid).exportablePublicKey());
	}

	@GetMapping("/key-sets")
	List<KeySet> sets() {
		return rotation.sets();
	}

	@PostMapping(path = "/key-sets", consumes = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<KeySet> createSet(@RequestBody KeySetRequest request) {
		List<KeyAlgorithm> algorithms = request.algorithms() == null ? List.of(KeyAlgorithm.RS256)
				: request.algorithms().stream().map(KeyAdminController::parseAlgorithm).toList();
		KeySet set = rotation.createSet(request.name(), algorithms, Boolean.TRUE.equals(request.published()));
		return ResponseEntity.status(HttpStatus.CREATED).body(set);
	}

	private ResponseEntity<KeyView> imported(RingKey key) {
		return ResponseEntity.status(HttpStatus.CREATED).body(KeyView.of(key, properties));
	}

	private RingKey find(String kid) {
		return ring.find(kid).orElseThrow(() -> ApiProblemException.notFound("unknown-key", "No key with kid '" + kid + "'"));
	}

	private static KeyAlgorithm parseAlgorithm(String name) {
		try {
			return KeyAlgorithm.parse(name);
		}
		catch (IllegalArgumentException | NullPointerException ex) {
			throw ApiProblemException.badRequest("unsupported-algorithm", "Unsupported algorithm '" + name
					+ "' (supported: " + KeyAlgorithm.names() + ")");
		}
	}
}
