package com.hcc.webhooks.platform.boundary;

import com.hcc.webhooks.platform.control.SecretBox;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The key that encrypts stored secrets: {@code hcc.secrets.key} (base64, 32 bytes) when configured, which
 * every instance of a cluster must share; otherwise a key file generated once in the data directory (the
 * embedded single-instance default). {@code hcc.secrets.previous-keys} keeps older keys readable during a
 * rotation. The key itself is never logged; its id (a hash prefix) is.
 */
@ApplicationScoped
public class Secrets {

    private static final Logger LOG = Logger.getLogger(Secrets.class.getName());
    static final String KEY_FILE = "secrets.key";

    @Inject
    Config config;

    @Inject
    @ConfigProperty(name = "hcc.data-dir")
    String dataDir;

    private SecretBox box;

    @PostConstruct
    void init() {
        // looked up rather than injected as Optional: Payara's config producer can fail on Optional at start-up
        String configuredKey = config.getOptionalValue("hcc.secrets.key", String.class).orElse("");
        String previousKeys = config.getOptionalValue("hcc.secrets.previous-keys", String.class).orElse("");
        byte[] primary = configuredKey.isBlank() ? keyFile() : decode(configuredKey);
        List<byte[]> older = new ArrayList<>();
        for (String k : previousKeys.split(",")) {
            if (!k.isBlank()) {
                older.add(decode(k));
            }
        }
        box = new SecretBox(primary, older);
        org.eclipse.microprofile.config.ConfigValue dir = config.getConfigValue("hcc.data-dir");
        String where = Path.of(dataDir).toAbsolutePath().toString();
        if (dir.getSourceName() != null && dir.getSourceName().contains("microprofile-config.properties")) {
            LOG.warning(() -> "Data directory " + where + ": the application's default, because hcc.data-dir"
                    + " (HCC_DATA_DIR) is not set; set it to keep the data where you want it (docs/configuration.md)");
        } else {
            LOG.info(() -> "Data directory " + where + " (hcc.data-dir, from " + dir.getSourceName() + ")");
        }
        LOG.info(() -> "Secrets are encrypted with key " + box.primaryKeyId()
                + (!configuredKey.isBlank() ? " (from hcc.secrets.key)" : " (from the data directory's key file)"));
    }

    @Produces
    public SecretBox secretBox() {
        return box;
    }

    private static byte[] decode(String base64) {
        try {
            return Base64.getDecoder().decode(base64.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("hcc.secrets.key is not valid base64");
        }
    }

    private byte[] keyFile() {
        Path file = Path.of(dataDir).resolve(KEY_FILE);
        try {
            Files.createDirectories(file.getParent());
            if (!Files.exists(file)) {
                try {
                    Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                    Files.writeString(file, Base64.getEncoder().encodeToString(SecretBox.newKey()) + "\n");
                    LOG.info(() -> "Generated a new secrets key file " + file);
                } catch (FileAlreadyExistsException raced) {
                    // another instance sharing the data directory created it first: use theirs
                }
            }
            return decode(Files.readString(file, StandardCharsets.US_ASCII));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the secrets key file " + file, e);
        }
    }
}
