-- Runs on every start (spring.sql.init.mode=always), on H2 and on PostgreSQL: it must be repeatable.
CREATE TABLE IF NOT EXISTS inventory_item (
    sku      VARCHAR(32) PRIMARY KEY,
    name     VARCHAR(200) NOT NULL,
    quantity INT NOT NULL
);
