import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * The delivery poller's read before and after V012 (scripts/bench-poll.sh, docs/performance.md): the same rows, each
 * statement on the index it was written for, as the product's prepared statements, with the plan MariaDB chose.
 */
public class PollBench {

    static final String BEFORE = "SELECT t0.id, t1.id FROM delivery t0, webhook t1 WHERE t0.status IN (?, ?)"
            + " AND t0.next_attempt_at <= ? AND (t0.lease_until IS NULL OR t0.lease_until < ?)"
            + " AND t1.id = t0.webhook_ref AND t1.id NOT IN (?) ORDER BY t0.next_attempt_at LIMIT 500";
    static final String AFTER = "SELECT id, webhook_ref FROM delivery WHERE next_attempt_at >= TIMESTAMP '1970-01-01 00:00:00'"
            + " AND next_attempt_at <= ?"
            + " AND (lease_until IS NULL OR lease_until < ?) AND webhook_ref NOT IN (?) ORDER BY next_attempt_at LIMIT 500";

    public static void main(String[] args) throws Exception {
        int rows = Integer.parseInt(args[1]);
        int backlog = Integer.parseInt(args[2]);
        try (Connection c = DriverManager.getConnection(args[0], "hcc", "hcc"); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE delivery (id BIGINT PRIMARY KEY, webhook_ref BIGINT NOT NULL, status VARCHAR(16) NOT NULL,"
                    + " next_attempt_at DATETIME(3), lease_until DATETIME(3), payload VARCHAR(400))");
            s.execute("CREATE TABLE webhook (id BIGINT PRIMARY KEY, target_url VARCHAR(200))");
            s.execute("INSERT INTO webhook SELECT seq, 'https://example.com/hook' FROM seq_1_to_10");
            s.execute("INSERT INTO delivery SELECT seq, 2 + seq % 8, 'SUCCEEDED', NULL, NULL, REPEAT('x', 300)"
                    + " FROM seq_1_to_" + rows);
            s.execute("INSERT INTO delivery SELECT 100000000 + seq, 1, 'RETRYING',"
                    + " DATE_SUB(UTC_TIMESTAMP(3), INTERVAL " + (backlog + 100) + " - seq SECOND), NULL, REPEAT('y', 300)"
                    + " FROM seq_1_to_" + backlog);
            s.execute("INSERT INTO delivery SELECT 200000000 + seq, 2, 'PENDING', DATE_SUB(UTC_TIMESTAMP(3), INTERVAL 5 SECOND),"
                    + " NULL, 'z' FROM seq_1_to_3");
            System.out.println("| poll | index | ms per poll (20 polls, twice) | rows returned | plan |");
            System.out.println("|---|---|---:|---:|---|");
            s.execute("CREATE INDEX ix_delivery_due ON delivery (status, next_attempt_at)");
            s.execute("ANALYZE TABLE delivery");
            measure(c, "before V012", "(status, next_attempt_at)", BEFORE, true);
            s.execute("CREATE INDEX ix_delivery_due_at ON delivery (next_attempt_at, lease_until, webhook_ref)");
            s.execute("DROP INDEX ix_delivery_due ON delivery");
            s.execute("ANALYZE TABLE delivery");
            measure(c, "after V012", "(next_attempt_at, lease_until, webhook_ref)", AFTER, false);
        }
    }

    static void measure(Connection c, String name, String index, String sql, boolean withStatus) throws Exception {
        StringBuilder times = new StringBuilder();
        int returned = 0;
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int round = 0; round < 2; round++) {
                long start = System.nanoTime();
                for (int k = 0; k < 20; k++) {
                    LocalDateTime now = LocalDateTime.now(ZoneOffset.UTC);
                    int i = 1;
                    if (withStatus) {
                        ps.setString(i++, "PENDING");
                        ps.setString(i++, "RETRYING");
                    }
                    ps.setObject(i++, now);
                    ps.setObject(i++, now);
                    ps.setLong(i, 1L); // the backlogged webhook, left out
                    returned = 0;
                    try (ResultSet r = ps.executeQuery()) {
                        while (r.next()) {
                            returned++;
                        }
                    }
                }
                times.append(round == 0 ? "" : ", ").append(String.format("%.1f", (System.nanoTime() - start) / 1e6 / 20));
            }
        }
        StringBuilder plan = new StringBuilder();
        String literal = sql.replaceFirst("\\(\\?, \\?\\)", "('PENDING', 'RETRYING')").replace("<= ?", "<= UTC_TIMESTAMP(3)")
                .replace("< ?", "< UTC_TIMESTAMP(3)").replace("NOT IN (?)", "NOT IN (1)");
        try (ResultSet r = c.createStatement().executeQuery("EXPLAIN " + literal)) {
            while (r.next()) {
                plan.append(plan.length() == 0 ? "" : "; ").append(r.getString("table")).append(": ")
                        .append(r.getString("key")).append(", ").append(r.getString("Extra"));
            }
        }
        System.out.printf("| %s | %s | %s | %d | %s |%n", name, index, times, returned, plan);
    }
}
