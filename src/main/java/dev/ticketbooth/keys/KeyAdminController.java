package dev.ticketbooth.keys;

import java.util.List;

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

	record ImportRequest(String pem, String password, String set, String partnerKeyId, Boolean activate) {
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

	@PostMapping(path = "/keys/import", consumes = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<KeyView> importJson(@RequestBody ImportRequest request) {
		char[] password = request.password() == null ? null : request.password().toCharArray();
		return imported(rotation.importKey(PemCodec.readKeyPair(request.pem(), password),
				request.set() == null ? KeySet.DEFAULT : request.set(), request.partnerKeyId(),
				Boolean.TRUE.equals(request.activate())));
	}

	/** Raw PEM body, for {@code curl --data-binary @key.pem}; encrypted keys need the JSON form. */
	@PostMapping(path = "/keys/import", consumes = { PEM, MediaType.TEXT_PLAIN_VALUE })
	ResponseEntity<KeyView> importPem(@RequestBody String pem, @RequestParam(defaultValue = KeySet.DEFAULT) String set,
			@RequestParam(name = "partner_key_id", required = false) String partnerKeyId,
			@RequestParam(defaultValue = "false") boolean activate) {
		return imported(rotation.importKey(PemCodec.readKeyPair(pem, null), set, partnerKeyId, activate));
	}

	@GetMapping(path = "/keys/{kid}/public.pem", produces = PEM)
	String publicPem(@PathVariable String kid) {
		return PemCodec.writePublicKey(find(kid).publicKey());
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
