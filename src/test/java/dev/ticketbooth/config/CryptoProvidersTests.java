package dev.ticketbooth.config;

import java.security.KeyPairGenerator;
import java.security.Security;
import java.security.Signature;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CryptoProvidersTests {

	@Test
	void accpSignsFirstWhenItLoadsAndTheJdkOtherwise() throws Exception {
		String inUse = CryptoProviders.install();
		KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
		generator.initialize(2048);
		Signature signature = Signature.getInstance("SHA256withRSA");
		signature.initSign(generator.generateKeyPair().getPrivate());
		if (inUse.startsWith("AmazonCorrettoCryptoProvider")) {
			assertThat(Security.getProviders()[0].getName()).isEqualTo("AmazonCorrettoCryptoProvider");
			assertThat(signature.getProvider().getName()).isEqualTo("AmazonCorrettoCryptoProvider");
		}
		else {
			assertThat(inUse).startsWith("JDK").contains("Amazon Corretto Crypto Provider");
			assertThat(signature.getProvider().getName()).isNotEqualTo("AmazonCorrettoCryptoProvider");
		}
		assertThat(CryptoProviders.install()).as("idempotent").isEqualTo(inUse);
	}
}
