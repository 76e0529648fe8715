CREATE TABLE inventory_item (
    sku      VARCHAR(32) PRIMARY KEY,
    name     VARCHAR(200) NOT NULL,
    quantity INT NOT NULL
);
