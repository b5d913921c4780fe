package dev.ticketbooth;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import java.util.function.Supplier;

import static dev.ticketbooth.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Races: tasks on their own threads, prepared first and then released together by a latch, for
 * the race between a check and a write (a throttle, a "does it exist?" before an insert).
 */
public final class AtOnce {

	private AtOnce() {
	}

	/** {@code count} tasks released at the same instant; their results in order. */
	public static <T> List<T> run(int count, IntFunction<Callable<T>> task) throws Exception {
		ExecutorService pool = Executors.newFixedThreadPool(count);
		try {
			CountDownLatch start = new CountDownLatch(1);
			List<Future<T>> started = new ArrayList<>();
			for (int i = 0; i < count; i++) {
				Callable<T> work = task.apply(i);
				started.add(pool.submit(() -> {
					start.await();
					return work.call();
				}));
			}
			start.countDown();
			List<T> results = new ArrayList<>();
			for (Future<T> result : started) {
				results.add(result.get(120, TimeUnit.SECONDS));
			}
			return results;
		}
		finally {
			pool.shutdownNow();
		}
	}

	/** The same request sent by {@code threads} threads at once. */
	public static List<HttpResponse<String>> send(Http http, int threads, Supplier<HttpRequest.Builder> request)
			throws Exception {
		return run(threads, i -> {
			HttpRequest.Builder built = request.get();
			return () -> http.send(built);
		});
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
