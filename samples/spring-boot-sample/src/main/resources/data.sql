-- Repeatable on H2 and PostgreSQL: each row is inserted only when missing.
INSERT INTO inventory_item (sku, name, quantity)
    SELECT 'SKU-1001', 'Espresso beans 1 kg', 42 WHERE NOT EXISTS (SELECT 1 FROM inventory_item WHERE sku = 'SKU-1001');
INSERT INTO inventory_item (sku, name, quantity)
    SELECT 'SKU-1002', 'Paper filters (100)', 310 WHERE NOT EXISTS (SELECT 1 FROM inventory_item WHERE sku = 'SKU-1002');
INSERT INTO inventory_item (sku, name, quantity)
    SELECT 'SKU-1003', 'Milk jug 600 ml', 7 WHERE NOT EXISTS (SELECT 1 FROM inventory_item WHERE sku = 'SKU-1003');
