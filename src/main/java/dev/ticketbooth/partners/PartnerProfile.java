package dev.ticketbooth.partners;

import java.util.Arrays;
import java.util.Locale;

import dev.ticketbooth.config.ApiProblemException;

/** The platform a partner is, by the name requests and storage use; its {@link Dialect} says the rest. */
public enum PartnerProfile {

	VIDBEO(new VidbeoDialect()),

	STREAMAMG(new StreamAmgDialect()),

	KINESCOPE(new KinescopeDialect()),

	VIMOND(new VimondDialect()),

	MUX(new MuxDialect()),

	BRIGHTCOVE(new BrightcoveDialect()),

	IVS(new IvsDialect()),

	CLOUDFLARE(new CloudflareDialect()),

	CLOUDFRONT(new CloudFrontDialect()),

	AKAMAI(new AkamaiDialect()),

	BUNNY(new BunnyDialect());

	private final Dialect dialect;

	PartnerProfile(Dialect dialect) {
		this.dialect = dialect;
	}

	public Dialect dialect() {
		return dialect;
	}

	public String wireName() {
		return name().toLowerCase(Locale.ROOT);
	}

	public static PartnerProfile parse(String value) {
		return Arrays.stream(values()).filter(p -> value != null && p.name().equalsIgnoreCase(value.trim())).findFirst()
			.orElseThrow(() -> ApiProblemException.badRequest("invalid-profile",
					"A partner profile is one of vidbeo, streamamg, kinescope, vimond, mux, brightcove, ivs, cloudflare, "
							+ "cloudfront, akamai, bunny"));
	}
}
