package com.hcc.webhooks.platform.control;

import com.hcc.webhooks.platform.entity.BaseEntity;
import org.eclipse.persistence.queries.ValueReadQuery;
import org.eclipse.persistence.sequencing.QuerySequence;
import org.eclipse.persistence.sessions.Session;

/**
 * The entities' id sequence as EclipseLink reads it: one {@code NEXT VALUE FOR hcc_id} per block of
 * {@value BaseEntity#ID_BLOCK} ids, the same SQL on MariaDB and H2. EclipseLink's MariaDB platform does not
 * know database sequences and would keep the ids in a table of its own (one locked update per block inside the
 * writing transaction); this replaces the sequence {@code @SequenceGenerator} declares, before the unit logs in.
 * A sequence's next value is not part of any transaction: nothing is locked and a rollback only leaves a gap.
 */
final class IdSequence {

    private IdSequence() {
    }

    static void install(Session session) {
        QuerySequence sequence = new QuerySequence(BaseEntity.ID_SEQUENCE, BaseEntity.ID_BLOCK);
        sequence.setShouldSkipUpdate(true);
        sequence.setSelectQuery(new ValueReadQuery("SELECT NEXT VALUE FOR " + BaseEntity.ID_SEQUENCE));
        session.getLogin().addSequence(sequence);
    }
}
