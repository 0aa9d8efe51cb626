package com.hcc.webhooks.delivery.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class AddressPolicyTest {

    /** DNS for the tests: a few names with fixed answers, literals parsed by the JVM (no network). */
    static InetAddress[] resolve(String host) throws UnknownHostException {
        return switch (host) {
            case "loopback.example" -> new InetAddress[] {InetAddress.getByName("127.0.0.1")};
            case "metadata.example" -> new InetAddress[] {InetAddress.getByName("169.254.169.254")};
            case "mixed.example" -> new InetAddress[] {InetAddress.getByName("93.184.216.34"), InetAddress.getByName("10.1.2.3")};
            case "public.example" -> new InetAddress[] {InetAddress.getByName("93.184.216.34")};
            default -> {
                if (host.chars().anyMatch(Character::isLetter) && !host.contains(":")) {
                    throw new UnknownHostException(host);
                }
                yield new InetAddress[] {InetAddress.getByName(host)};
            }
        };
    }

    static final AddressPolicy STRICT = AddressPolicy.of("", AddressPolicyTest::resolve);

    @ParameterizedTest(name = "{0} is blocked")
    @ValueSource(strings = {
            "http://127.0.0.1/hook",                  // loopback
            "http://127.1.2.3/hook",                  // loopback, all of 127/8
            "http://[::1]/hook",                      // IPv6 loopback
            "http://0.0.0.0/hook",                    // unspecified
            "http://[::]/hook",                       // IPv6 unspecified
            "http://10.0.0.5/hook",                   // RFC 1918
            "http://172.16.0.1/hook",                 // RFC 1918
            "http://172.31.255.255/hook",             // RFC 1918, end of the /12
            "http://192.168.1.1/hook",                // RFC 1918
            "http://100.64.0.1/hook",                 // CGNAT
            "http://100.127.255.254/hook",            // CGNAT, end of the /10
            "http://169.254.169.254/latest/meta-data",// link-local: cloud metadata
            "http://[fd00:ec2::254]/latest",          // AWS metadata over IPv6 (unique-local)
            "http://[fc00::1]/hook",                  // unique-local
            "http://[fe80::1]/hook",                  // IPv6 link-local
            "http://224.0.0.1/hook",                  // multicast
            "http://[ff02::1]/hook",                  // IPv6 multicast
            "http://255.255.255.255/hook",            // broadcast
            "http://[::ffff:127.0.0.1]/hook",         // IPv4-mapped loopback
            "http://[::ffff:a9fe:a9fe]/hook",         // IPv4-mapped metadata, in hex
            "http://[::127.0.0.1]/hook",              // IPv4-compatible loopback
            "http://[2002:7f00:1::1]/hook",           // 6to4 of 127.0.0.1
            "http://[2002:a9fe:a9fe::]/hook",         // 6to4 of 169.254.169.254
            "http://[64:ff9b::7f00:1]/hook",          // NAT64 of 127.0.0.1
            "http://[64:ff9b::10.0.0.1]/hook",        // NAT64 of 10.0.0.1
            "http://[2001:0:4136:e378:8000:63bf:80ff:fffe]/hook", // Teredo, client 127.0.0.1
            "http://2130706433/hook",                 // decimal 127.0.0.1
            "http://0177.0.0.1/hook",                 // octal 127.0.0.1
            "http://0x7f.0.0.1/hook",                 // hex 127.0.0.1
            "http://0x7f000001/hook",                 // hex, one number
            "http://127.1/hook",                      // short form of 127.0.0.1
            "http://loopback.example/hook",           // a host name resolving to 127.0.0.1
            "http://metadata.example/hook",           // a host name resolving to the metadata address
            "http://mixed.example/hook",              // one public and one private answer: blocked
            "http://198.18.0.1/hook",                 // benchmarking
            "http://192.0.2.10/hook"                  // documentation
    })
    void blocked(String url) {
        AddressPolicy.Blocked e = assertThrows(AddressPolicy.Blocked.class, () -> STRICT.check(URI.create(url)));
        assertTrue(e.getMessage().startsWith("blocked by address policy"), e.getMessage());
    }

    @ParameterizedTest(name = "{0} is allowed")
    @ValueSource(strings = {"https://public.example/hook", "http://93.184.216.34/hook", "http://[2606:4700::1111]/hook",
            "http://[2002:5db8:d822::1]/hook" /* 6to4 of a public address */, "http://8.8.8.8:8443/x"})
    void publicAddressesPass(String url) throws Exception {
        assertEquals(1, STRICT.check(URI.create(url)).size());
    }

    @Test
    void theAllowlistOpensARangeDeliberatelyAndOnlyThatRange() throws Exception {
        AddressPolicy local = AddressPolicy.of("127.0.0.0/8, fd00:ec2::/32", AddressPolicyTest::resolve);
        assertEquals(1, local.check(URI.create("http://127.0.0.1:8080/hook")).size());
        assertEquals(1, local.check(URI.create("http://loopback.example/hook")).size());
        assertEquals(1, local.check(URI.create("http://[fd00:ec2::254]/")).size());
        assertThrows(AddressPolicy.Blocked.class, () -> local.check(URI.create("http://10.0.0.1/")));
        assertThrows(AddressPolicy.Blocked.class, () -> local.check(URI.create("http://[::1]/")));
        assertThrows(AddressPolicy.Blocked.class, () -> local.check(URI.create("http://2130706433/")),
                "ambiguous numbers stay refused even when their reading would be allowed");
    }

    @Test
    void theMessageSaysWhichAddressAndWhy() {
        AddressPolicy.Blocked e = assertThrows(AddressPolicy.Blocked.class,
                () -> STRICT.check(URI.create("http://metadata.example/x")));
        assertEquals("blocked by address policy: metadata.example resolves to 169.254.169.254, which is link-local"
                + " (cloud metadata lives here) (allow a range with hcc.delivery.allowed-networks)", e.getMessage());
        assertTrue(assertThrows(AddressPolicy.Blocked.class, () -> STRICT.check(URI.create("http://[::ffff:10.0.0.1]/")))
                .getMessage().contains("private (RFC 1918)"));
        assertTrue(assertThrows(AddressPolicy.Blocked.class, () -> STRICT.check(URI.create("http://[2002:7f00:1::1]/")))
                .getMessage().contains("loopback, written as IPv6 (6to4)"));
    }

    @Test
    void localhostThroughTheRealResolverIsBlocked() {
        AddressPolicy.Blocked e = assertThrows(AddressPolicy.Blocked.class,
                () -> AddressPolicy.system("").check(URI.create("http://localhost:8080/hook")));
        assertTrue(e.getMessage().contains("localhost resolves to") && e.getMessage().contains("loopback"), e.getMessage());
    }

    @Test
    void anUnknownHostIsNotBlockedButUnknown() {
        assertThrows(UnknownHostException.class, () -> STRICT.check(URI.create("http://no-such-host.example/")));
    }

    @ParameterizedTest(name = "allowlist entry ''{0}'' is refused")
    @CsvSource({"example.com", "10.0.0.0/33", "10.0.0/8", "not a cidr"})
    void badAllowlistEntriesAreRefusedAtStart(String cidr) {
        assertThrows(IllegalArgumentException.class, () -> AddressPolicy.of(cidr, AddressPolicyTest::resolve));
    }
}
