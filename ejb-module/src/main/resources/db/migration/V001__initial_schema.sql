-- HCC Webhooks schema, version 1.
-- One script for H2 (MODE=LEGACY) and MariaDB 10.6+: keep to the SQL both accept
-- (BIGINT AUTO_INCREMENT, DATETIME(3), MEDIUMTEXT, named constraints). Times are UTC.
-- Statements end with a semicolon at the end of a line; no semicolons inside statements.

CREATE TABLE account (
    id BIGINT AUTO_INCREMENT PRIMARY KEY,
    row_version BIGINT NOT NULL,
    created_at DATETIME(3) NOT NULL,
    updated_at DATETIME(3) NOT NULL,
    account_id VARCHAR(64) NOT NULL,
    name VARCHAR(200) NOT NULL,
    CONSTRAINT uq_account_account_id UNIQUE (account_id)
);

CREATE TABLE access_credential (
    id BIGINT AUTO_INCREMENT PRIMARY KEY,
    row_version BIGINT NOT NULL,
    created_at DATETIME(3) NOT NULL,
    updated_at DATETIME(3) NOT NULL,
    account_ref BIGINT NOT NULL,
    auth_type VARCHAR(16) NOT NULL,
    api_name VARCHAR(100) NOT NULL,
    auth_key_name VARCHAR(100) NOT NULL,
    client_id VARCHAR(255),
    secret_enc VARCHAR(2048) NOT NULL,
    secret_hint VARCHAR(16) NOT NULL,
    header_location VARCHAR(8),
    token_url VARCHAR(2048),
    scope VARCHAR(500),
    audience VARCHAR(500),
    CONSTRAINT uq_access_api_name UNIQUE (account_ref, api_name),
    CONSTRAINT fk_access_account FOREIGN KEY (account_ref) REFERENCES account (id)
);

CREATE TABLE webhook (
    id BIGINT AUTO_INCREMENT PRIMARY KEY,
    row_version BIGINT NOT NULL,
    created_at DATETIME(3) NOT NULL,
    updated_at DATETIME(3) NOT NULL,
    account_ref BIGINT NOT NULL,
    event_type VARCHAR(32) NOT NULL,
    request_method VARCHAR(8) NOT NULL,
    access_ref BIGINT,
    target_url VARCHAR(2048) NOT NULL,
    enabled BOOLEAN NOT NULL,
    disabled_reason VARCHAR(500),
    timeout_seconds INT NOT NULL,
    max_per_second INT,
    max_concurrent INT,
    ordered BOOLEAN NOT NULL,
    payload_filter VARCHAR(1000),
    signing_secret_enc VARCHAR(512),
    CONSTRAINT fk_webhook_account FOREIGN KEY (account_ref) REFERENCES account (id),
    CONSTRAINT fk_webhook_access FOREIGN KEY (access_ref) REFERENCES access_credential (id)
);
CREATE INDEX ix_webhook_match ON webhook (account_ref, event_type, enabled);

CREATE TABLE inbound_event (
    id BIGINT AUTO_INCREMENT PRIMARY KEY,
    account_id VARCHAR(64),
    event_name VARCHAR(64),
    event_type VARCHAR(32),
    event_key VARCHAR(128) NOT NULL,
    call_id BIGINT,
    lead_id BIGINT,
    phone VARCHAR(32),
    payload MEDIUMTEXT NOT NULL,
    source VARCHAR(8) NOT NULL,
    status VARCHAR(16) NOT NULL,
    reject_reason VARCHAR(500),
    received_at DATETIME(3) NOT NULL,
    CONSTRAINT uq_event_key UNIQUE (account_id, event_key)
);
CREATE INDEX ix_event_received ON inbound_event (received_at);
CREATE INDEX ix_event_call ON inbound_event (account_id, call_id);
CREATE INDEX ix_event_status ON inbound_event (status, received_at);

CREATE TABLE delivery (
    id BIGINT AUTO_INCREMENT PRIMARY KEY,
    row_version BIGINT NOT NULL,
    created_at DATETIME(3) NOT NULL,
    updated_at DATETIME(3) NOT NULL,
    account_ref BIGINT NOT NULL,
    event_ref BIGINT NOT NULL,
    webhook_ref BIGINT NOT NULL,
    message_id VARCHAR(40) NOT NULL,
    status VARCHAR(16) NOT NULL,
    attempts INT NOT NULL,
    next_attempt_at DATETIME(3),
    lease_owner VARCHAR(64),
    lease_until DATETIME(3),
    last_status_code INT,
    last_error VARCHAR(500),
    last_latency_ms BIGINT,
    completed_at DATETIME(3),
    CONSTRAINT uq_delivery_message_id UNIQUE (message_id),
    CONSTRAINT fk_delivery_account FOREIGN KEY (account_ref) REFERENCES account (id),
    CONSTRAINT fk_delivery_event FOREIGN KEY (event_ref) REFERENCES inbound_event (id),
    CONSTRAINT fk_delivery_webhook FOREIGN KEY (webhook_ref) REFERENCES webhook (id)
);
CREATE INDEX ix_delivery_due ON delivery (status, next_attempt_at);
CREATE INDEX ix_delivery_account_time ON delivery (account_ref, created_at);
CREATE INDEX ix_delivery_webhook ON delivery (webhook_ref, status);

CREATE TABLE delivery_attempt (
    id BIGINT AUTO_INCREMENT PRIMARY KEY,
    delivery_ref BIGINT NOT NULL,
    attempt_no INT NOT NULL,
    started_at DATETIME(3) NOT NULL,
    duration_ms BIGINT NOT NULL,
    request_method VARCHAR(8) NOT NULL,
    request_url VARCHAR(2048) NOT NULL,
    request_headers MEDIUMTEXT NOT NULL,
    succeeded BOOLEAN NOT NULL,
    response_status INT,
    response_headers MEDIUMTEXT,
    response_body MEDIUMTEXT,
    error_class VARCHAR(16),
    error_message VARCHAR(500),
    CONSTRAINT fk_attempt_delivery FOREIGN KEY (delivery_ref) REFERENCES delivery (id)
);
CREATE INDEX ix_attempt_delivery ON delivery_attempt (delivery_ref, attempt_no);
