-- Security: portal and API users (passwords as PBKDF2 hashes), per-account API tokens (SHA-256 of the token).
CREATE TABLE app_user (
    id BIGINT AUTO_INCREMENT PRIMARY KEY,
    row_version BIGINT NOT NULL,
    created_at DATETIME(3) NOT NULL,
    updated_at DATETIME(3) NOT NULL,
    username VARCHAR(100) NOT NULL,
    password_hash VARCHAR(300) NOT NULL,
    role VARCHAR(16) NOT NULL,
    account_ref BIGINT,
    enabled BOOLEAN NOT NULL,
    failed_logins INT NOT NULL,
    locked_until DATETIME(3),
    last_login_at DATETIME(3),
    CONSTRAINT uq_user_username UNIQUE (username),
    CONSTRAINT fk_user_account FOREIGN KEY (account_ref) REFERENCES account (id)
);

CREATE TABLE api_token (
    id BIGINT AUTO_INCREMENT PRIMARY KEY,
    row_version BIGINT NOT NULL,
    created_at DATETIME(3) NOT NULL,
    updated_at DATETIME(3) NOT NULL,
    account_ref BIGINT NOT NULL,
    name VARCHAR(100) NOT NULL,
    token_hash VARCHAR(64) NOT NULL,
    token_prefix VARCHAR(16) NOT NULL,
    scope VARCHAR(8) NOT NULL,
    created_by VARCHAR(100) NOT NULL,
    last_used_at DATETIME(3),
    revoked_at DATETIME(3),
    CONSTRAINT uq_token_hash UNIQUE (token_hash),
    CONSTRAINT fk_token_account FOREIGN KEY (account_ref) REFERENCES account (id)
);
