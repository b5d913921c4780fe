package dev.ticketbooth.keys;

import java.util.concurrent.TimeUnit;

import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * The default set's public keys (NEXT, ACTIVE, RETIRED). max-age never exceeds the prepublish
 * lead time, so a verifier's cached copy always holds a NEXT key before it signs anything.
 */
@RestController
class JwksController {

	static final MediaType JWK_SET = MediaType.parseMediaType("application/jwk-set+json");

	private final KeyRing ring;

	private final CacheControl cacheControl;

	JwksController(KeyRing ring, KeyProperties properties) {
		this.ring = ring;
		this.cacheControl = CacheControl.maxAge(properties.effectiveJwksMaxAge().toSeconds(), TimeUnit.SECONDS)
			.cachePublic();
	}

	@GetMapping(path = "/.well-known/jwks.json")
	ResponseEntity<byte[]> jwks(@RequestHeader(name = HttpHeaders.IF_NONE_MATCH, required = false) String ifNoneMatch) {
		PublishedJwks jwks = ring.jwks(KeySet.DEFAULT);
		if (matches(ifNoneMatch, jwks.etag())) {
			return ResponseEntity.status(HttpStatus.NOT_MODIFIED).eTag(jwks.etag()).cacheControl(cacheControl).build();
		}
		return ResponseEntity.ok().contentType(JWK_SET).eTag(jwks.etag()).cacheControl(cacheControl).body(jwks.json());
	}

	private static boolean matches(String ifNoneMatch, String etag) {
		if (ifNoneMatch == null) {
			return false;
		}
		for (String candidate : ifNoneMatch.split(",")) {
			String tag = candidate.trim();
			if (tag.equals("*") || tag.equals(etag) || tag.equals("W/" + etag)) {
				return true;
			}
		}
		return false;
	}
}
