package dev.ticketbooth.sessions;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.DefaultRedisScript;
import org.springframework.data.redis.core.script.RedisScript;

/**
 * Sessions in Redis, for scale ({@code ticketbooth.sessions.store=redis}). Every check-and-write
 * is one Lua script, which Redis runs alone, so it is atomic for every node using the same Redis.
 * Key expiry replaces clean-up jobs. Times are the server clock's milliseconds, passed in, so that
 * all nodes and the tests' clock agree with the database store's semantics.
 *
 * <p>Keys: {@code tb:s:<id hash>} (a hash: user, partner, token, video, device, opened_by,
 * started, expires, ended), {@code tb:u:<user>:live} (a sorted set of the user's session hashes by
 * start), {@code tb:u:<user>:tok:<token hash>} (the session a decision opened for a token),
 * {@code tb:u:<user>:dev} (device → {@code first|last|removed}), {@code tb:used:<jti hash>},
 * {@code tb:live:<partner>} (session hashes by expiry, for counts) and {@code tb:partners}. A
 * script touches keys of one user (and that user's sessions), so it suits a single Redis or a
 * primary with replicas, not Redis Cluster.
 */
class RedisSessionStore implements SessionStore {

	private static final String PREFIX = "tb:";

	/** Device rows outlive any cooldown (at most a year), refreshed on every write. */
	private static final Duration DEVICE_TTL = Duration.ofDays(400);

	private static final String END_ONE = """
			local function end_session(sid, reason, now, retention)
			  local s = 'tb:s:' .. sid
			  if redis.call('EXISTS', s) == 0 or redis.call('HEXISTS', s, 'ended') == 1 then return 0 end
			  if tonumber(redis.call('HGET', s, 'expires')) <= now then return 0 end
			  redis.call('HSET', s, 'ended', reason, 'ended_at', now)
			  redis.call('PEXPIRE', s, retention)
			  redis.call('ZREM', 'tb:u:' .. redis.call('HGET', s, 'user') .. ':live', sid)
			  redis.call('ZREM', 'tb:live:' .. redis.call('HGET', s, 'partner'), sid)
			  return 1
			end
			""";

	/**
	 * KEYS: user's live set, user's devices, token key, new session, used-token key. ARGV: now,
	 * expires, id hash, user, partner, token hash, video, device, opened_by, single use, used TTL,
	 * open, renew, limit (-1: none), kick, max devices (-1: none), cooldown, session TTL, retention,
	 * device TTL.
	 */
	private static final RedisScript<List> OPEN = new DefaultRedisScript<>(END_ONE + """
			local now = tonumber(ARGV[1])
			local expires = tonumber(ARGV[2])
			if ARGV[10] == '1' and redis.call('EXISTS', KEYS[5]) == 1 then return {'token-already-used', 0} end
			local function use_token()
			  if ARGV[10] == '1' then redis.call('SET', KEYS[5], '1', 'PX', ARGV[11]) end
			end
			if ARGV[12] ~= '1' then use_token() return {'', 0} end
			if ARGV[13] == '1' then
			  local sid = redis.call('GET', KEYS[3])
			  if sid then
			    local s = 'tb:s:' .. sid
			    if redis.call('HEXISTS', s, 'ended') == 0 and tonumber(redis.call('HGET', s, 'expires') or '0') > now then
			      redis.call('HSET', s, 'expires', expires)
			      redis.call('PEXPIRE', s, ARGV[18])
			      redis.call('PEXPIRE', KEYS[3], ARGV[18])
			      redis.call('ZADD', 'tb:live:' .. redis.call('HGET', s, 'partner'), expires, sid)
			      use_token()
			      return {'', 0}
			    end
			  end
			end
			local device = ARGV[8]
			local slot = 'none'
			local first = now
			if device ~= '' then
			  local freed_before = now - tonumber(ARGV[17])
			  local entry = redis.call('HGET', KEYS[2], device)
			  if entry then
			    local f, l, r = string.match(entry, '^([^|]*)|([^|]*)|(.*)$')
			    if r == '' or tonumber(r) > freed_before then slot = 'held' first = f end
			  end
			  if slot == 'none' then
			    local max = tonumber(ARGV[16])
			    if max >= 0 then
			      local taken = 0
			      local all = redis.call('HVALS', KEYS[2])
			      for _, v in ipairs(all) do
			        local f, l, r = string.match(v, '^([^|]*)|([^|]*)|(.*)$')
			        if r == '' or tonumber(r) > freed_before then taken = taken + 1 end
			      end
			      if taken >= max then return {'device-limit', 0} end
			    end
			    slot = 'new'
			  end
			end
			local kicked = 0
			local limit = tonumber(ARGV[14])
			if limit >= 0 then
			  local live = {}
			  for _, sid in ipairs(redis.call('ZRANGE', KEYS[1], 0, -1)) do
			    local s = 'tb:s:' .. sid
			    if redis.call('HEXISTS', s, 'ended') == 0 and tonumber(redis.call('HGET', s, 'expires') or '0') > now then
			      table.insert(live, sid)
			    else
			      redis.call('ZREM', KEYS[1], sid)
			    end
			  end
			  local over = #live - limit + 1
			  if over > 0 and ARGV[15] ~= '1' then return {'stream-limit', 0} end
			  for i = 1, over do kicked = kicked + end_session(live[i], 'kicked', now, tonumber(ARGV[19])) end
			end
			use_token()
			if slot ~= 'none' then
			  redis.call('HSET', KEYS[2], device, first .. '|' .. now .. '|')
			end
			if device ~= '' then redis.call('PEXPIRE', KEYS[2], ARGV[20]) end
			redis.call('HSET', KEYS[4], 'user', ARGV[4], 'partner', ARGV[5], 'token', ARGV[6], 'video', ARGV[7],
			  'device', device, 'opened_by', ARGV[9], 'started', now, 'expires', expires)
			redis.call('PEXPIRE', KEYS[4], ARGV[18])
			redis.call('ZADD', KEYS[1], now, ARGV[3])
			redis.call('PEXPIRE', KEYS[1], ARGV[18])
			redis.call('SET', KEYS[3], ARGV[3], 'PX', ARGV[18])
			redis.call('ZADD', 'tb:live:' .. ARGV[5], expires, ARGV[3])
			redis.call('SADD', 'tb:partners', ARGV[5])
			return {'', kicked}
			""", List.class);

	/** KEYS: the session. ARGV: now, new expiry, session TTL, id hash. */
	private static final RedisScript<List> HEARTBEAT = new DefaultRedisScript<>("""
			local s = KEYS[1]
			if redis.call('EXISTS', s) == 0 then return {'unknown'} end
			local ended = redis.call('HGET', s, 'ended')
			if ended then return {'ended', ended} end
			if tonumber(redis.call('HGET', s, 'expires')) <= tonumber(ARGV[1]) then return {'ended', 'expired'} end
			redis.call('HSET', s, 'expires', ARGV[2])
			redis.call('PEXPIRE', s, ARGV[3])
			redis.call('PEXPIRE', 'tb:u:' .. redis.call('HGET', s, 'user') .. ':live', ARGV[3])
			redis.call('ZADD', 'tb:live:' .. redis.call('HGET', s, 'partner'), ARGV[2], ARGV[4])
			return {'live'}
			""", List.class);

	/** ARGV: id hash, reason, now, retention. */
	private static final RedisScript<Long> END = new DefaultRedisScript<>(
			END_ONE + "return end_session(ARGV[1], ARGV[2], tonumber(ARGV[3]), tonumber(ARGV[4]))", Long.class);

	/** KEYS: the user's live set. ARGV: reason, now, retention. */
	private static final RedisScript<Long> END_ALL = new DefaultRedisScript<>(END_ONE + """
			local ended = 0
			for _, sid in ipairs(redis.call('ZRANGE', KEYS[1], 0, -1)) do
			  ended = ended + end_session(sid, ARGV[1], tonumber(ARGV[2]), tonumber(ARGV[3]))
			end
			return ended
			""", Long.class);

	/** KEYS: the user's devices. ARGV: device, now. */
	private static final RedisScript<Long> REMOVE_DEVICE = new DefaultRedisScript<>("""
			local entry = redis.call('HGET', KEYS[1], ARGV[1])
			if not entry then return 0 end
			local f, l, r = string.match(entry, '^([^|]*)|([^|]*)|(.*)$')
			if r ~= '' then return 0 end
			redis.call('HSET', KEYS[1], ARGV[1], f .. '|' .. l .. '|' .. ARGV[2])
			return 1
			""", Long.class);

	private final StringRedisTemplate redis;

	private final SessionProperties properties;

	RedisSessionStore(StringRedisTemplate redis, SessionProperties properties) {
		this.redis = redis;
		this.properties = properties;
	}

	@Override
	public Outcome open(Opening o) {
		long now = o.now().toEpochMilli();
		String user = o.userId() == null ? "-" : o.userId();
		List<String> keys = List.of(userKey(user, "live"), userKey(user, "dev"), userKey(user, "tok:" + o.tokenHash()),
				session(o.idHash()), PREFIX + "used:" + (o.singleUseKey() == null ? "-" : o.singleUseKey()));
		long usedTtl = o.usedUntil() == null ? 1000 : Math.max(1000, o.usedUntil().toEpochMilli() - now);
		List<?> result = redis.execute(OPEN, keys, String.valueOf(now), String.valueOf(o.expiresAt().toEpochMilli()),
				o.idHash(), user, o.partnerId(), o.tokenHash(), o.video() == null ? "" : o.video(),
				o.device() == null ? "" : o.device(), o.openedBy(), o.singleUseKey() == null ? "0" : "1",
				String.valueOf(usedTtl), o.open() ? "1" : "0", o.renewSameToken() ? "1" : "0",
				String.valueOf(o.streamLimit() == null ? -1 : o.streamLimit()), o.kickOldest() ? "1" : "0",
				String.valueOf(o.maxDevices() == null ? -1 : o.maxDevices()),
				String.valueOf(o.deviceSlotCooldown().toMillis()), String.valueOf(sessionTtl().toMillis()),
				String.valueOf(properties.endedRetention().toMillis()), String.valueOf(DEVICE_TTL.toMillis()));
		String refusal = String.valueOf(result.get(0));
		return new Outcome(refusal.isEmpty() ? null : refusal, ((Number) result.get(1)).intValue());
	}

	@Override
	public Beat heartbeat(String idHash, Instant now, Instant expiresAt) {
		List<?> result = redis.execute(HEARTBEAT, List.of(session(idHash)), String.valueOf(now.toEpochMilli()),
				String.valueOf(expiresAt.toEpochMilli()), String.valueOf(sessionTtl().toMillis()), idHash);
		return switch (String.valueOf(result.get(0))) {
			case "live" -> new Beat(expiresAt, null);
			case "ended" -> new Beat(null, String.valueOf(result.get(1)));
			default -> Beat.UNKNOWN;
		};
	}

	@Override
	public boolean end(String idHash, String reason, Instant now) {
		return redis.execute(END, List.of(), idHash, reason, String.valueOf(now.toEpochMilli()),
				String.valueOf(properties.endedRetention().toMillis())) > 0;
	}

	@Override
	public int endAll(String userId, String reason, Instant now) {
		return redis.execute(END_ALL, List.of(userKey(userId, "live")), reason, String.valueOf(now.toEpochMilli()),
				String.valueOf(properties.endedRetention().toMillis())).intValue();
	}

	@Override
	public List<LiveSession> live(String userId, Instant now) {
		List<LiveSession> live = new ArrayList<>();
		for (String id : redis.opsForZSet().range(userKey(userId, "live"), 0, -1)) {
			Map<Object, Object> s = redis.opsForHash().entries(session(id));
			if (s.isEmpty() || s.containsKey("ended") || Long.parseLong((String) s.get("expires")) <= now.toEpochMilli()) {
				continue;
			}
			live.add(new LiveSession(id, (String) s.get("partner"), emptyToNull(s.get("video")), emptyToNull(s.get("device")),
					(String) s.get("opened_by"), Instant.ofEpochMilli(Long.parseLong((String) s.get("started"))),
					Instant.ofEpochMilli(Long.parseLong((String) s.get("expires")))));
		}
		return live;
	}

	@Override
	public java.util.Optional<String> partnerOf(String idHash) {
		return java.util.Optional.ofNullable((String) redis.opsForHash().get(session(idHash), "partner"));
	}

	@Override
	public List<Device> devices(String userId) {
		List<Device> devices = new ArrayList<>();
		redis.opsForHash().entries(userKey(userId, "dev")).forEach((device, value) -> {
			String[] parts = ((String) value).split("\\|", -1);
			devices.add(new Device((String) device, Instant.ofEpochMilli(Long.parseLong(parts[0])),
					Instant.ofEpochMilli(Long.parseLong(parts[1])),
					parts[2].isEmpty() ? null : Instant.ofEpochMilli(Long.parseLong(parts[2]))));
		});
		devices.sort(Comparator.comparing(Device::firstSeen).thenComparing(Device::device));
		return devices;
	}

	@Override
	public boolean removeDevice(String userId, String device, Instant now) {
		return redis.execute(REMOVE_DEVICE, List.of(userKey(userId, "dev")), device,
				String.valueOf(now.toEpochMilli())) > 0;
	}

	@Override
	public Map<String, Long> liveByPartner(Instant now) {
		Map<String, Long> counts = new TreeMap<>();
		for (String partner : redis.opsForSet().members(PREFIX + "partners")) {
			Long live = redis.opsForZSet().count(PREFIX + "live:" + partner, now.toEpochMilli() + 1, Double.POSITIVE_INFINITY);
			if (live != null && live > 0) {
				counts.put(partner, live);
			}
		}
		return new LinkedHashMap<>(counts);
	}

	/** Key expiry forgets sessions, used tokens and devices; only the per-partner counts need trimming. */
	@Override
	public void cleanUp(Instant now, Duration endedRetention, Duration longestCooldown) {
		for (String partner : redis.opsForSet().members(PREFIX + "partners")) {
			redis.opsForZSet().removeRangeByScore(PREFIX + "live:" + partner, Double.NEGATIVE_INFINITY, now.toEpochMilli());
		}
	}

	private Duration sessionTtl() {
		return properties.timeout().plus(properties.endedRetention());
	}

	private static String session(String idHash) {
		return PREFIX + "s:" + idHash;
	}

	private static String userKey(String userId, String what) {
		return PREFIX + "u:" + userId + ":" + what;
	}

	private static String emptyToNull(Object value) {
		return value == null || "".equals(value) ? null : (String) value;
	}
}
