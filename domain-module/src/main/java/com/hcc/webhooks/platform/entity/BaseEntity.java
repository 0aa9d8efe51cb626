package com.hcc.webhooks.platform.entity;

import jakarta.persistence.Column;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.MappedSuperclass;
import jakarta.persistence.PrePersist;
import jakarta.persistence.PreUpdate;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Version;
import java.time.Instant;

/**
 * Identity, optimistic locking and audit timestamps shared by every mutable entity.
 * <p>
 * Ids of every table come from one database sequence, {@value #ID_SEQUENCE}, which each instance reads once per
 * block of {@value #ID_BLOCK} ids: several instances insert without coordinating, an entity has its id as soon
 * as it is persisted, and EclipseLink writes a flush's new rows of a table as one JDBC batch rather than one
 * insert per row that must hand back its generated key. Ids are unique and grow within
 * an instance; across instances a later row may have a smaller id, so nothing orders by id across transactions.
 */
@MappedSuperclass
@SequenceGenerator(name = BaseEntity.ID_SEQUENCE, sequenceName = BaseEntity.ID_SEQUENCE, allocationSize = BaseEntity.ID_BLOCK)
public abstract class BaseEntity {

    /** The sequence of every table's ids (db/migration/V009__id_sequence.sql). */
    public static final String ID_SEQUENCE = "hcc_id";
    /** Ids an instance takes at once: the sequence's increment. */
    public static final int ID_BLOCK = 100;

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = ID_SEQUENCE)
    private Long id;

    @Version
    @Column(name = "row_version", nullable = false)
    private long rowVersion;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    @PrePersist
    void beforeInsert() {
        Instant now = Instant.now();
        if (createdAt == null) {
            createdAt = now;
        }
        updatedAt = now;
    }

    @PreUpdate
    void beforeUpdate() {
        updatedAt = Instant.now();
    }

    public Long getId() {
        return id;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public Instant getUpdatedAt() {
        return updatedAt;
    }

    public boolean isNew() {
        return id == null;
    }
}
