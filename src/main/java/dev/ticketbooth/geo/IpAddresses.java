package dev.ticketbooth.geo;

import java.math.BigInteger;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * IP address literals and CIDR ranges, IPv4 and IPv6. Only literals are ever parsed: a host
 * name is refused before {@link InetAddress} could resolve it.
 */
public final class IpAddresses {

	private static final Pattern IPV4 = Pattern
		.compile("(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");

	private static final Pattern IPV6_CHARS = Pattern.compile("[0-9A-Fa-f:.]{2,45}");

	private IpAddresses() {
	}

	/** A parsed address literal, or empty for anything else (host names included). */
	public static Optional<InetAddress> parse(String literal) {
		if (literal == null) {
			return Optional.empty();
		}
		boolean v4 = IPV4.matcher(literal).matches();
		boolean v6 = !v4 && literal.contains(":") && IPV6_CHARS.matcher(literal).matches();
		if (!v4 && !v6) {
			return Optional.empty();
		}
		try {
			return Optional.of(InetAddress.getByName(literal)); // a literal: no DNS lookup
		}
		catch (UnknownHostException ex) {
			return Optional.empty();
		}
	}

	/** A range like {@code 10.0.0.0/8} or {@code 2001:db8::/32}; a bare address is a range of one. */
	public record Range(InetAddress network, int prefix) {

		public boolean contains(InetAddress address) {
			byte[] a = network.getAddress();
			byte[] b = address.getAddress();
			if (a.length != b.length) {
				return false;
			}
			int full = prefix / 8;
			for (int i = 0; i < full; i++) {
				if (a[i] != b[i]) {
					return false;
				}
			}
			int rest = prefix % 8;
			if (rest == 0) {
				return true;
			}
			int mask = (0xff << (8 - rest)) & 0xff;
			return (a[full] & mask) == (b[full] & mask);
		}

		/** Canonical text: RFC 5952 for IPv6, a prefix only when narrower than one address. */
		public String text() {
			String address = network instanceof Inet6Address ? rfc5952(network.getHostAddress()) : network.getHostAddress();
			return prefix == network.getAddress().length * 8 ? address : address + "/" + prefix;
		}
	}

	public static Optional<Range> parseRange(String value) {
		if (value == null) {
			return Optional.empty();
		}
		int slash = value.indexOf('/');
		Optional<InetAddress> address = parse(slash < 0 ? value : value.substring(0, slash));
		if (address.isEmpty()) {
			return Optional.empty();
		}
		int bits = address.get().getAddress().length * 8;
		int prefix = bits;
		if (slash >= 0) {
			String digits = value.substring(slash + 1);
			if (!digits.matches("\\d{1,3}")) {
				return Optional.empty();
			}
			prefix = Integer.parseInt(digits);
			if (prefix > bits) {
				return Optional.empty();
			}
		}
		return Optional.of(new Range(address.get(), prefix));
	}

	/** The JDK writes all eight groups; RFC 5952 compresses the longest run of zero groups to "::". */
	static String rfc5952(String full) {
		String[] groups = full.split(":");
		int bestStart = -1;
		int bestLength = 1;
		for (int i = 0; i < groups.length;) {
			int j = i;
			while (j < groups.length && groups[j].equals("0")) {
				j++;
			}
			if (j - i > bestLength) {
				bestStart = i;
				bestLength = j - i;
			}
			i = j > i ? j : i + 1;
		}
		if (bestStart < 0) {
			return full;
		}
		return String.join(":", Arrays.copyOfRange(groups, 0, bestStart)) + "::"
				+ String.join(":", Arrays.copyOfRange(groups, bestStart + bestLength, groups.length));
	}

	/** For logs and metrics tags: never more than the /24 or /48 of an address. */
	public static String truncated(InetAddress address) {
		byte[] bytes = address.getAddress();
		int keep = bytes.length == 4 ? 3 : 6;
		byte[] masked = Arrays.copyOf(bytes, bytes.length);
		Arrays.fill(masked, keep, masked.length, (byte) 0);
		return new BigInteger(1, masked).toString(16);
	}
}
