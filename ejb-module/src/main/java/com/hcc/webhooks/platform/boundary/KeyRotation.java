package com.hcc.webhooks.platform.boundary;

import com.hcc.webhooks.credentials.entity.AccessCredential;
import com.hcc.webhooks.platform.control.SecretBox;
import com.hcc.webhooks.webhooks.entity.Webhook;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;
import java.util.logging.Logger;

/**
 * Encryption key rotation, step 3 of docs/security.md: every stored secret that is still under an older key
 * (credential secrets, webhook signing secrets) is decrypted and encrypted again with the current key, in
 * batches of short transactions, while deliveries go on (every instance reads both keys meanwhile). Safe to
 * run again: what is already under the current key is left alone.
 */
@Stateless
public class KeyRotation {

    static final int BATCH = 200;
    private static final Logger LOG = Logger.getLogger(KeyRotation.class.getName());

    public record Result(String keyId, int credentials, int webhooks) {
    }

    @PersistenceContext(unitName = "hcc")
    EntityManager em;

    @Inject
    SecretBox secrets;

    @Resource
    SessionContext context;

    private KeyRotation self;

    @PostConstruct
    void init() {
        self = context.getBusinessObject(KeyRotation.class);
    }

    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public Result reencryptAll() {
        int credentials = 0;
        int webhooks = 0;
        long after = 0;
        for (long[] r = self.credentialBatch(after); r[0] > 0; r = self.credentialBatch(after)) {
            credentials += (int) r[1];
            after = r[0];
        }
        after = 0;
        for (long[] r = self.webhookBatch(after); r[0] > 0; r = self.webhookBatch(after)) {
            webhooks += (int) r[1];
            after = r[0];
        }
        Result result = new Result(secrets.primaryKeyId(), credentials, webhooks);
        LOG.info(() -> "Key rotation: re-encrypted " + result.credentials() + " credential secrets and "
                + result.webhooks() + " webhooks' signing secrets with key " + result.keyId());
        return result;
    }

    /** @return {last id of the batch (0: none left), how many were re-encrypted} */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public long[] credentialBatch(long afterId) {
        List<AccessCredential> batch = em.createQuery("SELECT c FROM AccessCredential c WHERE c.id > :after ORDER BY c.id",
                AccessCredential.class).setParameter("after", afterId).setMaxResults(BATCH).getResultList();
        int changed = 0;
        for (AccessCredential c : batch) {
            if (secrets.needsRotation(c.getSecretCiphertext())) {
                c.reencryptSecret(v -> again(v, SecretBox.ACCESS_SECRET));
                changed++;
            }
        }
        return new long[] {batch.isEmpty() ? 0 : batch.get(batch.size() - 1).getId(), changed};
    }

    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public long[] webhookBatch(long afterId) {
        List<Webhook> batch = em.createQuery("SELECT w FROM Webhook w WHERE w.id > :after ORDER BY w.id", Webhook.class)
                .setParameter("after", afterId).setMaxResults(BATCH).getResultList();
        int changed = 0;
        for (Webhook w : batch) {
            boolean stale = (w.getSigningSecretCiphertext() != null && secrets.needsRotation(w.getSigningSecretCiphertext()))
                    || (w.getPreviousSecretCiphertext() != null && secrets.needsRotation(w.getPreviousSecretCiphertext()));
            if (stale) {
                w.reencryptSecrets(v -> again(v, SecretBox.SIGNING_SECRET));
                changed++;
            }
        }
        return new long[] {batch.isEmpty() ? 0 : batch.get(batch.size() - 1).getId(), changed};
    }

    private String again(String ciphertext, String purpose) {
        return secrets.needsRotation(ciphertext) ? secrets.encrypt(secrets.decrypt(ciphertext, purpose), purpose) : ciphertext;
    }
}
