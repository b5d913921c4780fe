package dev.ticketbooth;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

/** Races: {@code count} tasks, each on its own thread, released at the same instant; their results in order. */
public final class AtOnce {

	private AtOnce() {
	}

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
}
