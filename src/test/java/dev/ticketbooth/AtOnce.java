package dev.ticketbooth;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

import static dev.ticketbooth.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The same request sent by several threads released together by a latch: for the race between
 * a service's "does it exist?" check and its insert.
 */
public final class AtOnce {

	private AtOnce() {
	}

	public static List<HttpResponse<String>> send(Http http, int threads, Supplier<HttpRequest.Builder> request)
			throws InterruptedException, ExecutionException {
		ExecutorService pool = Executors.newFixedThreadPool(threads);
		try {
			CountDownLatch ready = new CountDownLatch(threads);
			CountDownLatch go = new CountDownLatch(1);
			List<Future<HttpResponse<String>>> answers = new ArrayList<>();
			for (int i = 0; i < threads; i++) {
				answers.add(pool.submit(() -> {
					HttpRequest.Builder built = request.get();
					ready.countDown();
					go.await();
					return http.send(built);
				}));
			}
			ready.await(30, TimeUnit.SECONDS);
			go.countDown();
			List<HttpResponse<String>> responses = new ArrayList<>();
			for (Future<HttpResponse<String>> answer : answers) {
				responses.add(answer.get(60, TimeUnit.SECONDS));
			}
			return responses;
		}
		catch (TimeoutException ex) {
			throw new AssertionError("no answer within 60 s", ex);
		}
		finally {
			pool.shutdownNow();
		}
	}

	/** Every answer is 201 or a 409 problem with the code, and exactly one is 201: never a 5xx. */
	public static void assertCreatedOnce(List<HttpResponse<String>> responses, String conflictCode) {
		List<String> answers = responses.stream().map(response -> response.statusCode() + " " + response.body()).toList();
		assertThat(responses).as("answers %s", answers).extracting(HttpResponse::statusCode).containsOnly(201, 409)
			.filteredOn(status -> status == 201).hasSize(1);
		responses.stream().filter(response -> response.statusCode() != 201)
			.forEach(response -> assertProblem(response, 409, conflictCode));
	}
}
