package dev.ticketbooth;

import dev.ticketbooth.config.CryptoProviders;
import dev.ticketbooth.keys.KeysCommandLine;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class TicketboothApplication {

	public static void main(String[] args) {
		CryptoProviders.install();
		if (args.length > 0 && KeysCommandLine.COMMAND.equals(args[0])) {
			System.exit(KeysCommandLine.run(args, KeysCommandLineApplication.class));
		}
		SpringApplication.run(TicketboothApplication.class, args);
	}
}
