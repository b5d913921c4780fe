package dev.ticketbooth.cluster;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import dev.ticketbooth.config.DbTime;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Cluster-wide jobs run once per interval, on one node. Taking a lease is a single conditional
 * UPDATE, so the database decides between nodes: the row is taken only when its lease has run out
 * or this node already holds it. The holder's lease runs for one interval, so the job runs once
 * per interval however many nodes tick; when the holder dies, another node takes over at most one
 * interval late.
 */
@Component
public class JobLeases {

	private static final Logger log = LoggerFactory.getLogger(JobLeases.class);

	private static final String TAKE = """
			UPDATE job_leases SET holder = :node, expires_at = :until
			WHERE name = :job AND (expires_at <= :now OR holder = :node)
			""";

	private final JdbcClient jdbc;

	private final Clock clock;

	private final String node;

	public JobLeases(JdbcClient jdbc, Clock clock, ClusterProperties properties) {
		this.jdbc = jdbc;
		this.clock = clock;
		this.node = properties.nodeId();
	}

	/** Takes (or renews) the lease on {@code job} for {@code term}; false when another node holds it. */
	public boolean take(String job, Duration term) {
		Instant now = DbTime.now(clock);
		int taken = jdbc.sql(TAKE).param("node", node).param("until", DbTime.bind(now.plus(term)))
			.param("job", job).param("now", DbTime.bind(now)).update();
		if (taken == 0 && !known(job)) {
			throw new IllegalArgumentException("no job lease named " + job);
		}
		return taken == 1;
	}

	/** Runs {@code task} if this node holds the lease on {@code job} for the next {@code interval}. */
	public boolean runOnce(String job, Duration interval, Runnable task) {
		if (!take(job, interval)) {
			log.debug("Job {} skipped: another node holds its lease", job);
			return false;
		}
		task.run();
		return true;
	}

	private boolean known(String job) {
		return jdbc.sql("SELECT COUNT(*) FROM job_leases WHERE name = ?").param(job).query(Integer.class).single() > 0;
	}
}
