INSERT INTO inventory_item (sku, name, quantity) VALUES ('SKU-1001', 'Espresso beans 1 kg', 42);
INSERT INTO inventory_item (sku, name, quantity) VALUES ('SKU-1002', 'Paper filters (100)', 310);
INSERT INTO inventory_item (sku, name, quantity) VALUES ('SKU-1003', 'Milk jug 600 ml', 7);
