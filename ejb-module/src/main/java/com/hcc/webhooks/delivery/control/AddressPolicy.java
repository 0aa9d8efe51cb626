package com.hcc.webhooks.delivery.control;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The outbound address policy: a webhook may not be a way into our own network. Every address a target's host
 * resolves to must be public, unless it falls in a range the operator allowed ({@code hcc.delivery.allowed-networks}).
 * <p>
 * Blocked: unspecified, loopback, RFC 1918, CGNAT (100.64/10), link-local (169.254/16 with the cloud metadata
 * address, fe80::/10), IPv6 unique-local (fc00::/7, with fd00:ec2::254), multicast, broadcast and reserved ranges,
 * benchmarking and documentation ranges; IPv4 embedded in IPv6 (mapped, compatible, 6to4, NAT64, Teredo) is
 * judged by the IPv4 address inside. Host names written as a number in another form than a dotted quad (decimal
 * {@code 2130706433}, octal {@code 0177.0.0.1}, hex {@code 0x7f.1}) are refused outright: tools disagree on what
 * they mean, so no reading of them may reach an address the policy would block.
 * <p>
 * Checked when a connection is about to be opened, on the addresses the JVM resolved (the HTTP client then
 * connects through the same JVM name cache), and when a URL is saved, for early feedback. Pure: the resolver
 * is passed in.
 */
public final class AddressPolicy {

    /** Resolves a host name to every address it has (the JVM's resolver in production). */
    @FunctionalInterface
    public interface Resolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    /** A target the policy refuses, with the address and why: the text the report shows. */
    public static final class Blocked extends Exception {
        private static final long serialVersionUID = 1L;

        Blocked(String message) {
            super(message);
        }
    }

    private static final Pattern NUMERIC_PART = Pattern.compile("0[xX][0-9a-fA-F]*|[0-9]+");
    private static final Pattern DOTTED_QUAD = Pattern.compile(
            "(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])(\\.(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])){3}");

    private static final List<Range> BLOCKED_V4 = List.of(
            Range.parse("0.0.0.0/8", "unspecified (\"this network\")"),
            Range.parse("10.0.0.0/8", "private (RFC 1918)"),
            Range.parse("100.64.0.0/10", "carrier-grade NAT (RFC 6598)"),
            Range.parse("127.0.0.0/8", "loopback"),
            Range.parse("169.254.0.0/16", "link-local (cloud metadata lives here)"),
            Range.parse("172.16.0.0/12", "private (RFC 1918)"),
            Range.parse("192.0.0.0/24", "IETF protocol assignments"),
            Range.parse("192.0.2.0/24", "documentation"),
            Range.parse("192.88.99.0/24", "6to4 relay anycast"),
            Range.parse("192.168.0.0/16", "private (RFC 1918)"),
            Range.parse("198.18.0.0/15", "benchmarking"),
            Range.parse("198.51.100.0/24", "documentation"),
            Range.parse("203.0.113.0/24", "documentation"),
            Range.parse("224.0.0.0/4", "multicast"),
            Range.parse("240.0.0.0/4", "reserved or broadcast"));

    private static final List<Range> BLOCKED_V6 = List.of(
            Range.parse("::/128", "unspecified"),
            Range.parse("::1/128", "loopback"),
            Range.parse("100::/64", "discard-only"),
            Range.parse("2001:db8::/32", "documentation"),
            Range.parse("fc00::/7", "unique-local (private)"),
            Range.parse("fe80::/10", "link-local"),
            Range.parse("fec0::/10", "site-local"),
            Range.parse("ff00::/8", "multicast"));

    private final List<Range> allowed;
    private final Resolver resolver;

    private AddressPolicy(List<Range> allowed, Resolver resolver) {
        this.allowed = List.copyOf(allowed);
        this.resolver = resolver;
    }

    /**
     * @param allowedNetworks comma-separated CIDRs opened deliberately (e.g. {@code 127.0.0.0/8}); blank for none
     * @throws IllegalArgumentException when an entry is not a CIDR
     */
    public static AddressPolicy of(String allowedNetworks, Resolver resolver) {
        List<Range> allowed = new ArrayList<>();
        if (allowedNetworks != null) {
            for (String cidr : allowedNetworks.split(",")) {
                if (!cidr.isBlank()) {
                    allowed.add(Range.parse(cidr.strip(), "allowed"));
                }
            }
        }
        return new AddressPolicy(allowed, resolver);
    }

    public static AddressPolicy system(String allowedNetworks) {
        return of(allowedNetworks, InetAddress::getAllByName);
    }

    /**
     * Resolves the URL's host and checks every address.
     *
     * @return the addresses, all allowed
     * @throws Blocked when one of them is not
     * @throws UnknownHostException when the host does not resolve
     */
    public List<InetAddress> check(URI uri) throws Blocked, UnknownHostException {
        String host = uri.getHost();
        if (host == null && uri.getRawAuthority() != null) {
            // java.net.URI leaves forms like 0x7f.0.0.1 or 127.1 without a host: judge the authority's host part
            String authority = uri.getRawAuthority();
            authority = authority.substring(authority.lastIndexOf('@') + 1);
            host = authority.contains("]") || authority.indexOf(':') < 0 ? authority
                    : authority.substring(0, authority.lastIndexOf(':'));
        }
        if (host == null || host.isEmpty()) {
            throw new Blocked("blocked by address policy: the URL has no host");
        }
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        if (ambiguousNumber(host)) {
            throw new Blocked("blocked by address policy: host " + host
                    + " is a number in a form other than a dotted quad (decimal, octal or hex); write the address as a.b.c.d");
        }
        InetAddress[] addresses = resolver.resolve(host);
        for (InetAddress a : addresses) {
            String why = blockedReason(a);
            if (why != null) {
                throw new Blocked("blocked by address policy: " + host
                        + (host.equals(a.getHostAddress()) ? "" : " resolves to " + a.getHostAddress())
                        + ", which is " + why + " (allow a range with hcc.delivery.allowed-networks)");
            }
        }
        return Arrays.asList(addresses);
    }

    /** Why the address is blocked, or null when the policy lets it through. */
    public String blockedReason(InetAddress a) {
        for (Range r : allowed) {
            if (r.contains(a)) {
                return null;
            }
        }
        if (a instanceof Inet4Address) {
            return reasonV4(a.getAddress());
        }
        byte[] b = a.getAddress();
        for (Range r : BLOCKED_V6) {
            if (r.contains(a)) {
                return r.why;
            }
        }
        byte[] embedded = embeddedV4(b);
        if (embedded != null) {
            String why = reasonV4(embedded);
            if (why != null) {
                return why + ", written as IPv6 (" + embeddedForm(b) + ")";
            }
        }
        return null;
    }

    private static String reasonV4(byte[] v4) {
        try {
            InetAddress a = InetAddress.getByAddress(v4);
            for (Range r : BLOCKED_V4) {
                if (r.contains(a)) {
                    return r.why;
                }
            }
            return null;
        } catch (UnknownHostException e) {
            return "not an address";
        }
    }

    /** The IPv4 address inside an IPv4-mapped, IPv4-compatible, 6to4, NAT64 or Teredo address; null if none. */
    static byte[] embeddedV4(byte[] b) {
        if (b.length != 16) {
            return null;
        }
        boolean first10Zero = true;
        for (int i = 0; i < 10; i++) {
            first10Zero &= b[i] == 0;
        }
        if (first10Zero && ((b[10] == (byte) 0xff && b[11] == (byte) 0xff) || (b[10] == 0 && b[11] == 0))) {
            return Arrays.copyOfRange(b, 12, 16); // ::ffff:a.b.c.d (mapped), ::a.b.c.d (compatible)
        }
        if (b[0] == 0x20 && b[1] == 0x02) {
            return Arrays.copyOfRange(b, 2, 6); // 2002:AABB:CCDD::/48 (6to4)
        }
        if (b[0] == 0 && b[1] == 0x64 && b[2] == (byte) 0xff && b[3] == (byte) 0x9b) {
            return Arrays.copyOfRange(b, 12, 16); // 64:ff9b::a.b.c.d (NAT64, well-known and local 64:ff9b:1::/48)
        }
        if (b[0] == 0x20 && b[1] == 0x01 && b[2] == 0 && b[3] == 0) {
            byte[] client = Arrays.copyOfRange(b, 12, 16); // 2001:0::/32 (Teredo): the client's address, inverted
            for (int i = 0; i < 4; i++) {
                client[i] = (byte) ~client[i];
            }
            return client;
        }
        return null;
    }

    private static String embeddedForm(byte[] b) {
        if (b[0] == 0x20 && b[1] == 0x02) {
            return "6to4";
        }
        if (b[0] == 0 && b[1] == 0x64) {
            return "NAT64";
        }
        if (b[0] == 0x20 && b[1] == 0x01) {
            return "Teredo";
        }
        return b[10] == (byte) 0xff ? "IPv4-mapped" : "IPv4-compatible";
    }

    /** All parts numeric (decimal, 0-octal, 0x-hex), but not a plain dotted quad. */
    static boolean ambiguousNumber(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        if (h.endsWith(".")) {
            h = h.substring(0, h.length() - 1);
        }
        String[] parts = h.split("\\.", -1);
        if (parts.length > 4) {
            return false;
        }
        for (String p : parts) {
            if (!NUMERIC_PART.matcher(p).matches()) {
                return false;
            }
        }
        return !DOTTED_QUAD.matcher(h).matches();
    }

    /** A CIDR block. */
    record Range(byte[] network, int prefix, String why) {

        static Range parse(String cidr, String why) {
            int slash = cidr.indexOf('/');
            String address = slash < 0 ? cidr : cidr.substring(0, slash);
            try {
                if (!address.contains(":") && !DOTTED_QUAD.matcher(address).matches()) {
                    throw new IllegalArgumentException("'" + cidr + "' is not a CIDR (a.b.c.d/n or an IPv6 prefix)");
                }
                byte[] network = InetAddress.getByName(address).getAddress();
                int prefix = slash < 0 ? network.length * 8 : Integer.parseInt(cidr.substring(slash + 1));
                if (prefix < 0 || prefix > network.length * 8) {
                    throw new IllegalArgumentException("'" + cidr + "': prefix out of range");
                }
                return new Range(network, prefix, why);
            } catch (UnknownHostException | NumberFormatException e) {
                throw new IllegalArgumentException("'" + cidr + "' is not a CIDR (a.b.c.d/n or an IPv6 prefix)");
            }
        }

        boolean contains(InetAddress a) {
            byte[] b = a.getAddress();
            if (b.length != network.length) {
                return false;
            }
            int full = prefix / 8;
            for (int i = 0; i < full; i++) {
                if (b[i] != network[i]) {
                    return false;
                }
            }
            int rest = prefix % 8;
            if (rest == 0) {
                return true;
            }
            int mask = (0xff << (8 - rest)) & 0xff;
            return (b[full] & mask) == (network[full] & mask);
        }
    }
}
