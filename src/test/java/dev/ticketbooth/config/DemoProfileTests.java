package dev.ticketbooth.config;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

import com.nimbusds.jwt.SignedJWT;
import dev.ticketbooth.TicketboothApplication;
import dev.ticketbooth.entitlements.Access;
import dev.ticketbooth.entitlements.Entitlements;
import dev.ticketbooth.keys.KeyAlgorithm;
import dev.ticketbooth.keys.KeyRing;
import dev.ticketbooth.login.Providers;
import dev.ticketbooth.partners.PartnerProfile;
import dev.ticketbooth.partners.Partners;
import dev.ticketbooth.playback.PlaybackTokenRequest;
import dev.ticketbooth.playback.PlaybackTokens;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;

import static org.assertj.core.api.Assertions.assertThat;

/** The demo profile seeds exactly what ../shared/DESIGN.md pins, twice without harm, and says so loudly. */
@ExtendWith(OutputCaptureExtension.class)
class DemoProfileTests {

	@TempDir
	Path home;

	@Test
	void seedsThePinnedDemoData(CapturedOutput output) throws Exception {
		start().close();
		try (ConfigurableApplicationContext context = start()) {
			assertThat(output.getAll()).contains("DEMO PROFILE ACTIVE", "NEVER use the demo profile in production");
			Entitlements entitlements = context.getBean(Entitlements.class);
			var now = Clock.systemUTC().instant();
			assertThat(entitlements.mayWatch("demo", "vid-java-1", now).allowed()).isTrue();
			assertThat(entitlements.mayWatch("demo", "vid-java-2", now).allowed()).isTrue();
			assertThat(entitlements.mayWatch("demo", "vid-premium-1", now).reason()).isEqualTo(Access.NOT_ENTITLED);

			var provider = context.getBean(Providers.class).get("applicaster-demo");
			assertThat(provider.issuerName()).isEqualTo("ticketbooth-demo");
			assertThat(provider.redirectUris()).containsExactly("myapp://auth/callback", "http://127.0.0.1:9999/callback");

			Partners partners = context.getBean(Partners.class);
			assertThat(partners.get("vidbeo-demo").profile()).isEqualTo(PartnerProfile.VIDBEO);
			assertThat(context.getBean(KeyRing.class).active("vidbeo-demo", KeyAlgorithm.RS256).partnerKeyId()).isNotNull();
			assertThat(partners.get("streamamg-demo").audience()).isEqualTo("playback.streamamg.com");
			assertThat(partners.get("kinescope-demo").profile()).isEqualTo(PartnerProfile.KINESCOPE);
			// viewer sessions: demo's course subscription has 2 streams; Kinescope blocks a third, StreamAMG kicks the oldest
			assertThat(entitlements.mayWatch("demo", "vid-java-1", now).streamCount()).isEqualTo(2);
			assertThat(partners.get("kinescope-demo").viewerLimits().kicksOldest()).isFalse();
			assertThat(partners.get("streamamg-demo").viewerLimits().kicksOldest()).isTrue();
			assertThat(partners.get("mux-demo").profile()).isEqualTo(PartnerProfile.MUX);
			assertThat(partners.get("mux-demo").settings()).containsKey("playback_restriction_id");
			assertThat(context.getBean(KeyRing.class).active("mux-demo", KeyAlgorithm.RS256).partnerKeyId()).isNotNull();
			var mux = context.getBean(PlaybackTokens.class)
				.mint(new PlaybackTokenRequest("mux-demo", "demo", "vid-java-1", null, null, List.of("v", "t"), null));
			assertThat(mux.tokens()).containsOnlyKeys("v", "t");
			assertThat(mux.urls()).containsOnlyKeys("stream", "thumbnail");
			assertThat(partners.get("brightcove-demo").settings()).containsEntry("accid", "1234567890");
			assertThat(context.getBean(KeyRing.class).active("brightcove-demo", KeyAlgorithm.RS256).partnerKeyId())
				.isEqualTo("demo-brightcove-key-id");
			String brightcove = context.getBean(PlaybackTokens.class)
				.mint(new PlaybackTokenRequest("brightcove-demo", "demo", "vid-java-1", null, null))
				.token();
			assertThat(SignedJWT.parse(brightcove).getJWTClaimsSet().getClaims()).containsEntry("accid", "1234567890")
				.containsEntry("conid", "vid-java-1").containsEntry("pkid", "demo-brightcove-key-id");
			String channel = "arn:aws:ivs:eu-west-1:123456789012:channel/demoChannel1";
			assertThat(entitlements.mayWatch("demo", channel, now).allowed()).isTrue();
			assertThat(partners.get("ivs-demo").profile()).isEqualTo(PartnerProfile.IVS);
			assertThat(partners.get("ivs-demo").algorithm()).isEqualTo(KeyAlgorithm.ES384);
			assertThat(context.getBean(KeyRing.class).active("ivs-demo", KeyAlgorithm.ES384).partnerKeyId())
				.startsWith("arn:aws:ivs:eu-west-1:123456789012:playback-key/");
			var ivsToken = context.getBean(dev.ticketbooth.playback.PlaybackTokens.class)
				.mint(new dev.ticketbooth.playback.PlaybackTokenRequest("ivs-demo", "demo", channel, null, null));
			assertThat(com.nimbusds.jwt.SignedJWT.parse(ivsToken.token()).getJWTClaimsSet().getClaims())
				.containsEntry("aws:channel-arn", channel).containsKeys("aws:viewer-id", "exp");
			assertThat(partners.get("cloudflare-demo").settings()).containsEntry("customer_code", "demo123");
			assertThat(context.getBean(KeyRing.class).active("cloudflare-demo", KeyAlgorithm.RS256).partnerKeyId())
				.isEqualTo("demo-cloudflare-key-id");
			var cloudflare = context.getBean(PlaybackTokens.class)
				.mint(new PlaybackTokenRequest("cloudflare-demo", "demo", "vid-java-1", null, null));
			assertThat(cloudflare.urls()).containsEntry("hls",
					"https://customer-demo123.cloudflarestream.com/" + cloudflare.token() + "/manifest/video.m3u8");
			var cloudfront = context.getBean(PlaybackTokens.class)
				.mint(new PlaybackTokenRequest("cloudfront-demo", "demo", "vid-java-1", null, null));
			assertThat(cloudfront.urls().get("url")).startsWith(
					"https://d111111abcdef8.cloudfront.net/videos/vid-java-1/?Policy=").contains("&Key-Pair-Id=K2JCJMDEHXQW5F&");
			assertThat(cloudfront.cookies()).containsKeys("CloudFront-Policy", "CloudFront-Signature", "CloudFront-Key-Pair-Id");
			var akamai = context.getBean(PlaybackTokens.class)
				.mint(new PlaybackTokenRequest("akamai-demo", "demo", "vid-java-1", null, null));
			assertThat(akamai.token()).contains("~acl=/videos/vid-java-1/*~hmac=");
			assertThat(akamai.cookies()).containsOnlyKeys("__token__");
			var bunny = context.getBean(PlaybackTokens.class)
				.mint(new PlaybackTokenRequest("bunny-demo", "demo", "vid-java-1", null, null));
			assertThat(bunny.urls().get("url")).startsWith("https://demo.b-cdn.net/bcdn_token=HS256-")
				.endsWith("/videos/vid-java-1/");

			var client = context.getBean(RegisteredClientRepository.class).findByClientId("demo-backend");
			assertThat(client.getScopes()).contains("playback:mint", "playback:decide");
			assertThat(context.getBean(dev.ticketbooth.oidc.ClientSecrets.class).encoder()
				.matches("demo-backend-secret", client.getClientSecret())).isTrue();
			assertThat(client.getClientSecret()).startsWith("{hmac}");
			var app = context.getBean(RegisteredClientRepository.class).findByClientId("demo-app");
			assertThat(app.getRedirectUris()).containsExactly("http://127.0.0.1:9999/callback");
			assertThat(app.getScopes()).containsExactlyInAnyOrder("openid", "profile");
			assertThat(app.getClientSettings().isRequireProofKey()).isTrue();
			assertThat(app.getClientSettings().<String>getSetting("ticketbooth.enrichment")).isEqualTo("vimond");
			assertThat(app.getAuthorizationGrantTypes()).contains(AuthorizationGrantType.REFRESH_TOKEN);
			assertThat(app.getTokenSettings().isReuseRefreshTokens()).as("demo-app's refresh tokens rotate").isFalse();
			assertThat(app.getPostLogoutRedirectUris()).containsExactly("http://127.0.0.1:9999/signed-out");
			var tv = context.getBean(RegisteredClientRepository.class).findByClientId("demo-tv");
			assertThat(tv.getAuthorizationGrantTypes()).contains(AuthorizationGrantType.DEVICE_CODE,
					AuthorizationGrantType.REFRESH_TOKEN);
			assertThat(tv.getClientAuthenticationMethods()).containsExactly(ClientAuthenticationMethod.NONE);
			assertThat(tv.getScopes()).containsExactlyInAnyOrder("openid", "profile");
			assertThat(tv.getClientSettings().<String>getSetting("ticketbooth.enrichment")).isEqualTo("vimond");
			assertThat(tv.getTokenSettings().getDeviceCodeTimeToLive()).hasMinutes(10);
			assertThat(partners.authenticateCallback("kinescope", "kinescope-demo-password")).isPresent();
		}
	}

	private ConfigurableApplicationContext start() {
		return new SpringApplicationBuilder(TicketboothApplication.class).web(WebApplicationType.NONE).profiles("demo")
			.run("--ticketbooth.home=" + home, "--ticketbooth.scheduling.enabled=false",
					"--ticketbooth.admin-password=test-admin-password");
	}
}
