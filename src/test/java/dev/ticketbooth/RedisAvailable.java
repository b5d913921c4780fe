package dev.ticketbooth;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Runs a test class only when a Redis server answers at 127.0.0.1:6379 (the development machines
 * run one; {@code .ci/run} starts it). Without one the class is skipped with the reason, unless
 * {@code TICKETBOOTH_REQUIRE_REDIS=true} (CI), where that is a failure.
 */
public final class RedisAvailable implements ExecutionCondition {

	public static final String HOST = "127.0.0.1";

	public static final int PORT = 6379;

	@Override
	public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress(HOST, PORT), 1000);
			return ConditionEvaluationResult.enabled("Redis answers at " + HOST + ":" + PORT);
		}
		catch (IOException ex) {
			if (Boolean.parseBoolean(System.getenv("TICKETBOOTH_REQUIRE_REDIS"))) {
				throw new IllegalStateException("Redis is required (TICKETBOOTH_REQUIRE_REDIS) but not reachable at " + HOST
						+ ":" + PORT, ex);
			}
			return ConditionEvaluationResult.disabled("Redis is not reachable at " + HOST + ":" + PORT + " ("
					+ ex.getMessage() + "); start it to run the Redis variant of this test");
		}
	}
}
