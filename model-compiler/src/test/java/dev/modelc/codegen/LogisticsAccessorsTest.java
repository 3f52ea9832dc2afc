package dev.modelc.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modelc.compile.Compiler;
import dev.modelc.dialect.PostgresDdl;
import dev.modelc.example.logistics.AddressesQueries;
import dev.modelc.example.logistics.CarriersQueries;
import dev.modelc.example.logistics.CustomersQueries;
import dev.modelc.example.logistics.DeliveryAttemptOutcome;
import dev.modelc.example.logistics.DeliveryAttemptsQueries;
import dev.modelc.example.logistics.DriversQueries;
import dev.modelc.example.logistics.InventoryItemsQueries;
import dev.modelc.example.logistics.ParcelsQueries;
import dev.modelc.example.logistics.Shipment;
import dev.modelc.example.logistics.ShipmentService;
import dev.modelc.example.logistics.ShipmentStatus;
import dev.modelc.example.logistics.ShipmentsQueries;
import dev.modelc.example.logistics.TrackingEvent;
import dev.modelc.example.logistics.TrackingEventKind;
import dev.modelc.example.logistics.TrackingEventsQueries;
import dev.modelc.example.logistics.WarehousesQueries;
import dev.modelc.testing.Postgres;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The generated logistics accessors against a real PostgreSQL: every query pattern. */
class LogisticsAccessorsTest {
  static final UUID SENDER = UUID.fromString("00000000-0000-0000-0000-000000000051");
  static final UUID RECEIVER = UUID.fromString("00000000-0000-0000-0000-000000000052");
  static final UUID ADDRESS = UUID.fromString("00000000-0000-0000-0000-000000000053");
  static final UUID PARCEL = UUID.fromString("00000000-0000-0000-0000-000000000054");

  @Test
  void everyQueryPatternReturnsTheExpectedRows() throws Exception {
    var model = Compiler.compile(List.of(Path.of("../example-models/logistics"))).model().orElseThrow();
    try (Connection db = Postgres.connect(Postgres.freshDatabase("logistics_accessors")); Statement s = db.createStatement()) {
      s.execute(PostgresDdl.createSchema(model));
      s.execute("insert into warehouses values (1, 'BER1', 'Berlin', 'DE', 52.5, 13.4, '2020-01-01'), (2, 'HAM1', 'Hamburg', 'DE', 53.5, 10.0, '2021-01-01')");
      s.execute("insert into carriers (id, name, api_base) values (7, 'FastShip', null)");
      s.execute("insert into customers (id, email, full_name) values ('" + SENDER + "', 's@example.com', 'Sam'), ('" + RECEIVER + "', 'r@example.com', 'Rae')");
      s.execute("insert into addresses (id, customer_id, line1, postal_code, city, country) values ('" + ADDRESS + "', '" + RECEIVER + "', 'Main St 1', '10115', 'Berlin', 'DE')");
      s.execute("insert into drivers values (1, 1, 'Dana', true), (2, 1, 'Eli', false), (3, 2, 'Fay', true)");
      s.execute("insert into inventory_items (warehouse_id, sku, quantity) values (1, 'SKU-1', 5), (1, 'SKU-2', 0), (2, 'SKU-1', 0)");

      assertEquals("Berlin", new WarehousesQueries(db).warehouseByCode("BER1").orElseThrow().city());
      assertNull(new CarriersQueries(db).carrierById(7).orElseThrow().apiBase());
      assertTrue(new CarriersQueries(db).carrierById(7).orElseThrow().active(), "bool default");
      assertEquals(SENDER, new CustomersQueries(db).customerByEmail("s@example.com").orElseThrow().id());
      assertEquals(1, new AddressesQueries(db).addressesOfCustomer(RECEIVER).size());

      ShipmentsQueries shipments = new ShipmentsQueries(db);
      Shipment a = shipments.createShipment("TRK-A", SENDER, RECEIVER, ADDRESS, 7, ShipmentService.EXPRESS,
          new BigDecimal("129.90"), LocalDate.of(2026, 11, 20));
      Shipment b = shipments.createShipment("TRK-B", SENDER, RECEIVER, ADDRESS, null, ShipmentService.ECONOMY, null, LocalDate.of(2026, 12, 1));
      assertEquals(ShipmentStatus.CREATED, a.status());
      assertEquals(new BigDecimal("129.90"), a.declaredValue());
      assertNull(b.carrierId(), "a nullable int binds and reads as null");
      assertEquals(a, shipments.shipmentByTrackingCode("TRK-A").orElseThrow());
      s.execute("update shipments set created_at = created_at + interval '1 minute' where id = '" + b.id() + "'");
      assertEquals(List.of("TRK-B", "TRK-A"), shipments.shipmentsSentBy(SENDER).stream().map(r -> r.trackingCode()).toList());
      assertEquals(2, shipments.shipmentsReceivedBy(RECEIVER).size());
      assertEquals(1, shipments.updateShipmentStatus(ShipmentStatus.IN_TRANSIT, a.id()));
      assertEquals(List.of("TRK-A"), shipments.lateShipments(LocalDate.of(2026, 11, 24)).stream().map(Shipment::trackingCode).toList());
      assertTrue(shipments.lateShipments(LocalDate.of(2026, 11, 19)).isEmpty());

      s.execute("insert into parcels (id, shipment_id, barcode, weight_grams, dimensions) values ('" + PARCEL + "', '" + a.id()
          + "', 'BC-1', 1200, '{\"l\":10}'), (gen_random_uuid(), '" + a.id() + "', 'BC-2', 800, null)");
      assertEquals(2, new ParcelsQueries(db).parcelsOfShipment(a.id()).size());
      var parcel = new ParcelsQueries(db).parcelByBarcode("BC-1").orElseThrow();
      assertEquals("{\"l\": 10}", parcel.dimensions().replace("{\"l\":10}", "{\"l\": 10}"), "json round-trips as text");
      assertNull(parcel.labelPdf());

      TrackingEventsQueries tracking = new TrackingEventsQueries(db);
      OffsetDateTime t0 = OffsetDateTime.parse("2026-11-20T08:00:00+01:00");
      tracking.recordScan(1, PARCEL, 1, TrackingEventKind.RECEIVED, null, t0);
      tracking.recordScan(2, PARCEL, 1, TrackingEventKind.EXCEPTION, "box damaged", t0.plusHours(1));
      TrackingEvent last = tracking.recordScan(3, PARCEL, null, TrackingEventKind.SORTED, null, t0.plusHours(2));
      assertNull(last.warehouseId());
      assertEquals(List.of(3L, 2L, 1L), tracking.trackingHistory(PARCEL).stream().map(TrackingEvent::id).toList());
      assertEquals(List.of("box damaged"), tracking.openExceptions(t0).stream().map(TrackingEvent::note).toList());
      assertTrue(tracking.openExceptions(t0.plusHours(2)).isEmpty());

      assertEquals(List.of(1), new DriversQueries(db).driversOnShift(1).stream().map(d -> d.id()).toList());
      s.execute("insert into delivery_attempts (id, shipment_id, driver_id, outcome, attempted_at) values "
          + "(1, '" + a.id() + "', 1, 'nobody_home', '2026-11-21T10:00:00Z'), (2, '" + a.id() + "', 1, 'delivered', '2026-11-22T10:00:00Z')");
      DeliveryAttemptsQueries attempts = new DeliveryAttemptsQueries(db);
      assertEquals(List.of(1L, 2L), attempts.attemptsForShipment(a.id()).stream().map(x -> x.id()).toList());
      assertEquals(List.of(2L), attempts.driverAttemptsSince(1, OffsetDateTime.parse("2026-11-22T00:00:00Z")).stream().map(x -> x.id()).toList());
      assertTrue(attempts.hasFailedAttempt(a.id(), List.of(DeliveryAttemptOutcome.NOBODY_HOME, DeliveryAttemptOutcome.REFUSED)),
          "an IN list of enums binds as a typed array");
      assertFalse(attempts.hasFailedAttempt(a.id(), List.of(DeliveryAttemptOutcome.REFUSED)));
      assertFalse(attempts.hasFailedAttempt(b.id(), List.of(DeliveryAttemptOutcome.NOBODY_HOME)));

      InventoryItemsQueries stock = new InventoryItemsQueries(db);
      assertEquals(5, stock.stockLevel(1, "SKU-1").orElseThrow().quantity());
      assertEquals(1, stock.adjustStock(9, LocalDateTime.of(2026, 11, 24, 9, 30), 1, "SKU-1"));
      assertEquals(LocalDateTime.of(2026, 11, 24, 9, 30), stock.stockLevel(1, "SKU-1").orElseThrow().updatedAt());
      assertEquals(1, stock.deleteEmptyStock(1), "only warehouse 1's empty item");
      assertTrue(stock.stockLevel(1, "SKU-2").isEmpty());
      assertTrue(stock.stockLevel(2, "SKU-1").isPresent());
    }
  }
}
