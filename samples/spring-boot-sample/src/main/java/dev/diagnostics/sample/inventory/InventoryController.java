package dev.diagnostics.sample.inventory;

import java.util.List;

import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The service's own job: stock levels, from the database. */
@RestController
@RequestMapping("/inventory")
class InventoryController {

    private final JdbcClient jdbc;

    InventoryController(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @GetMapping
    List<Item> items() {
        return this.jdbc.sql("SELECT sku, name, quantity FROM inventory_item ORDER BY sku").query(Item.class).list();
    }

    @GetMapping("/{sku}")
    ResponseEntity<Item> item(@PathVariable String sku) {
        return ResponseEntity.of(this.jdbc.sql("SELECT sku, name, quantity FROM inventory_item WHERE sku = ?")
                .param(sku)
                .query(Item.class)
                .optional());
    }

    record Item(String sku, String name, int quantity) {
    }
}
