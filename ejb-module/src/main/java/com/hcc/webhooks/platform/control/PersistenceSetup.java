package com.hcc.webhooks.platform.control;

import org.eclipse.persistence.config.SessionCustomizer;
import org.eclipse.persistence.sessions.Session;

/**
 * What EclipseLink is told before the persistence unit logs in (persistence.xml's session customizer): which
 * data source ({@link DataSourceChoice}) and how ids are drawn ({@link IdSequence}).
 */
public class PersistenceSetup implements SessionCustomizer {

    @Override
    public void customize(Session session) {
        DataSourceChoice.customize(session);
        IdSequence.install(session);
    }
}
