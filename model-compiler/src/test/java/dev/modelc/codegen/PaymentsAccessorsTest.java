package dev.modelc.codegen;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modelc.compile.Compiler;
import dev.modelc.dialect.PostgresDdl;
import dev.modelc.example.payments.ApiKeysQueries;
import dev.modelc.example.payments.BalanceTransactionsQueries;
import dev.modelc.example.payments.Charge;
import dev.modelc.example.payments.ChargeStatus;
import dev.modelc.example.payments.ChargesQueries;
import dev.modelc.example.payments.CustomersQueries;
import dev.modelc.example.payments.DisputeStatus;
import dev.modelc.example.payments.DisputesQueries;
import dev.modelc.example.payments.ExchangeRate;
import dev.modelc.example.payments.ExchangeRatesQueries;
import dev.modelc.example.payments.MerchantStatus;
import dev.modelc.example.payments.MerchantsQueries;
import dev.modelc.example.payments.PaymentMethodKind;
import dev.modelc.example.payments.PaymentMethodsQueries;
import dev.modelc.example.payments.PayoutsQueries;
import dev.modelc.example.payments.Refund;
import dev.modelc.example.payments.RefundReason;
import dev.modelc.example.payments.RefundStatus;
import dev.modelc.example.payments.RefundsQueries;
import dev.modelc.example.payments.WebhookEventsQueries;
import dev.modelc.testing.Postgres;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The generated payments accessors against a real PostgreSQL holding the schema from
 * {@code modelc ddl}: every query pattern returns exactly the expected rows, with nulls, enums,
 * uuids, timestamps with time zones, numerics, bytes, JSON, ordering and limits.
 */
class PaymentsAccessorsTest {
  static final UUID M1 = UUID.fromString("00000000-0000-0000-0000-0000000000a1");
  static final UUID M2 = UUID.fromString("00000000-0000-0000-0000-0000000000a2");
  static final UUID C1 = UUID.fromString("00000000-0000-0000-0000-0000000000c1");
  static final UUID PM1 = UUID.fromString("00000000-0000-0000-0000-0000000000b1");
  static final OffsetDateTime T0 = OffsetDateTime.of(2026, 11, 1, 12, 0, 0, 0, ZoneOffset.UTC);
  static Connection db;

  @BeforeAll
  static void schemaAndSeed() throws Exception {
    var model = Compiler.compile(List.of(Path.of("../example-models/payments"))).model().orElseThrow();
    db = Postgres.connect(Postgres.freshDatabase("payments_accessors"));
    try (Statement s = db.createStatement()) {
      s.execute(PostgresDdl.createSchema(model));
      s.execute("insert into merchants (id, name, country, status) values ('" + M1 + "', 'Acme', 'DE', 'active'), ('" + M2 + "', 'Globex', 'US', 'suspended')");
      s.execute("insert into customers (id, merchant_id, email, name) values ('" + C1 + "', '" + M1 + "', 'ada@example.com', null)");
      s.execute("insert into payment_methods (id, customer_id, kind, last4, fingerprint, expires_on, created_at) values "
          + "('" + PM1 + "', '" + C1 + "', 'card', '4242', '\\x0102', '2030-01-31', '2026-01-01T00:00:00Z'), "
          + "(gen_random_uuid(), '" + C1 + "', 'wallet', '0000', '\\x03', '2020-01-31', '2026-02-01T00:00:00Z')");
      s.execute("insert into exchange_rates values ('EUR', '2026-11-01', 0.91234567), ('GBP', '2026-11-01', 0.78), ('EUR', '2026-11-02', 0.92)");
      s.execute("insert into payouts (merchant_id, amount, currency, arrival_date) values "
          + "('" + M1 + "', 100, 'EUR', '2026-10-01'), ('" + M1 + "', 200, 'EUR', '2026-10-15'), ('" + M1 + "', 300, 'EUR', '2026-11-01')");
      s.execute("insert into api_keys (merchant_id, key_hash, label, mode) values ('" + M1 + "', '\\xcafe', 'server', 'live'), ('" + M1 + "', '\\xbeef', null, 'test')");
      s.execute("update api_keys set revoked_at = now() where key_hash = '\\xbeef'");
    }
  }

  @AfterAll
  static void close() throws Exception {
    db.close();
  }

  @Test
  void lookupsByKeyReturnAtMostOneRowWithNullsAndEnums() throws Exception {
    var merchant = new MerchantsQueries(db).merchantById(M1).orElseThrow();
    assertEquals("Acme", merchant.name());
    assertEquals(MerchantStatus.ACTIVE, merchant.status());
    assertTrue(new MerchantsQueries(db).merchantById(UUID.randomUUID()).isEmpty());
    var customer = new CustomersQueries(db).customerByEmail(M1, "ada@example.com").orElseThrow();
    assertEquals(C1, customer.id());
    assertNull(customer.name(), "nullable text comes back as null");
    assertTrue(new CustomersQueries(db).customerByEmail(M2, "ada@example.com").isEmpty());
  }

  @Test
  void chargesInsertReadUpdateCountAndOrder() throws Exception {
    ChargesQueries charges = new ChargesQueries(db);
    Charge created = charges.createCharge(M2, C1, PM1, 1999, "EUR", null, "{\"order\": 42}", null);
    assertEquals(ChargeStatus.PENDING, created.status(), "the model's default applies");
    assertNull(created.capturedAt());
    assertEquals(created, charges.chargeById(created.id()).orElseThrow());
    assertEquals("{\"order\": 42}", charges.chargeById(created.id()).orElseThrow().metadata(), "jsonb round-trips as text");
    for (int i = 0; i < 3; i++) {
      Charge c = charges.createCharge(M2, null, null, 100 + i, "USD", i == 0 ? "card_declined" : null, null, null);
      try (PreparedStatement ps = db.prepareStatement("update charges set created_at = ? where id = ?")) {
        ps.setObject(1, T0.plusHours(i));
        ps.setObject(2, c.id());
        ps.executeUpdate();
      }
    }
    List<Charge> recent = charges.recentChargesForMerchant(M2, T0.plusDays(1));
    assertEquals(List.of(102L, 101L, 100L), recent.stream().map(Charge::amount).toList(), "newest first, before the cursor");
    assertEquals(List.of(100L), charges.recentChargesForMerchant(M2, T0.plusMinutes(30)).stream().map(Charge::amount).toList());
    assertEquals(3, charges.countChargesForMerchantSince(M2, T0.plusMinutes(30)), "101, 102 and the charge created now");
    assertEquals(List.of(100L, 101L, 102L), charges.pendingCharges(T0.plusDays(1)).stream().map(Charge::amount).toList(), "oldest first");
    assertEquals(1, charges.markChargeCaptured(ChargeStatus.SUCCEEDED, T0.plusDays(2), recent.get(0).id()));
    Charge captured = charges.chargeById(recent.get(0).id()).orElseThrow();
    assertEquals(ChargeStatus.SUCCEEDED, captured.status());
    assertEquals(T0.plusDays(2).toInstant(), captured.capturedAt().toInstant(), "timestamptz keeps the instant");
    assertEquals(List.of(100L, 101L), charges.pendingCharges(T0.plusDays(1)).stream().map(Charge::amount).toList());
    var forCustomer = charges.chargesForCustomer(C1);
    assertEquals(1, forCustomer.size());
    assertEquals(1999, forCustomer.get(0).amount());
    assertEquals(0, charges.markChargeCaptured(ChargeStatus.FAILED, null, UUID.randomUUID()));
  }

  @Test
  void refundsDisputesAndTheLedger() throws Exception {
    Charge charge = new ChargesQueries(db).createCharge(M1, C1, PM1, 5000, "EUR", null, null, null);
    Refund refund = new RefundsQueries(db).createRefund(charge.id(), 1500, RefundReason.REQUESTED_BY_CUSTOMER);
    assertEquals(RefundStatus.PENDING, refund.status());
    new RefundsQueries(db).createRefund(charge.id(), 500, null);
    var refunds = new RefundsQueries(db).refundsForCharge(charge.id());
    assertEquals(2, refunds.size());
    assertTrue(refunds.stream().anyMatch(r -> r.reason() == null), "a null enum reads as null");
    try (Statement s = db.createStatement()) {
      s.execute("insert into disputes (charge_id, status, amount, evidence_due_by) values ('" + charge.id() + "', 'needs_response', 5000, '2026-12-01T00:00:00Z')");
      s.execute("insert into balance_transactions (id, merchant_id, source_id, kind, amount, fee, net, available_on, created_at) values "
          + "(1, '" + M1 + "', '" + charge.id() + "', 'charge', 5000, 175, 4825, '2026-11-03', '2026-11-01T00:00:00Z'), "
          + "(2, '" + M1 + "', '" + refund.id() + "', 'refund', -1500, 0, -1500, '2026-11-04', '2026-11-02T00:00:00Z')");
    }
    var dispute = new DisputesQueries(db).disputeForCharge(charge.id()).orElseThrow();
    assertEquals(DisputeStatus.NEEDS_RESPONSE, dispute.status());
    assertEquals(1, new DisputesQueries(db).disputesNeedingResponse(OffsetDateTime.parse("2026-12-02T00:00:00Z")).size());
    assertEquals(0, new DisputesQueries(db).disputesNeedingResponse(OffsetDateTime.parse("2026-11-30T00:00:00Z")).size());
    var history = new BalanceTransactionsQueries(db).balanceHistory(M1);
    assertEquals(List.of(2L, 1L), history.stream().map(h -> h.id()).toList(), "newest first");
    assertEquals(-1500, history.get(0).net());
    assertEquals(5000, new BalanceTransactionsQueries(db).ledgerEntriesForSource(charge.id()).get(0).amount());
  }

  @Test
  void paymentMethodsPayoutsRatesKeysAndWebhooks() throws Exception {
    var methods = new PaymentMethodsQueries(db).paymentMethodsForCustomer(C1);
    assertEquals(List.of(PaymentMethodKind.WALLET, PaymentMethodKind.CARD), methods.stream().map(m -> m.kind()).toList());
    assertEquals(LocalDate.of(2030, 1, 31), methods.get(1).expiresOn());
    var payouts = new PayoutsQueries(db).payoutsForMerchant(M1, LocalDate.of(2026, 10, 10), LocalDate.of(2026, 11, 1));
    assertEquals(List.of(200L), payouts.stream().map(p -> p.amount()).toList(), "from inclusive, before exclusive");
    ExchangeRate eur = new ExchangeRatesQueries(db).rateOn("EUR", LocalDate.of(2026, 11, 1)).orElseThrow();
    assertEquals(new BigDecimal("0.91234567"), eur.rate(), "numeric(18,8) keeps its scale");
    assertEquals(List.of("EUR", "GBP"), new ExchangeRatesQueries(db).ratesForCurrencies(List.of("GBP", "EUR", "JPY"), LocalDate.of(2026, 11, 1))
        .stream().map(ExchangeRate::currency).sorted().toList(), "an IN list binds as an array");
    var keys = new ApiKeysQueries(db);
    var live = keys.apiKeyByHash(new byte[] {(byte) 0xca, (byte) 0xfe}).orElseThrow();
    assertArrayEquals(new byte[] {(byte) 0xca, (byte) 0xfe}, live.keyHash());
    assertEquals(1, keys.activeKeysForMerchant(M1).size(), "the revoked key is excluded by 'is null'");
    assertEquals(1, keys.revokeApiKey(T0, live.id()));
    assertEquals(0, keys.activeKeysForMerchant(M1).size());
    try (Statement s = db.createStatement()) {
      s.execute("insert into webhook_events (merchant_id, type, payload, next_attempt_at) values "
          + "('" + M1 + "', 'charge.succeeded', '{\"a\":1}', '2026-11-01T00:00:00Z'), ('" + M1 + "', 'charge.failed', '{}', '2026-11-03T00:00:00Z')");
    }
    var webhooks = new WebhookEventsQueries(db);
    var due = webhooks.dueWebhookEvents(OffsetDateTime.parse("2026-11-02T00:00:00Z"));
    assertEquals(List.of("charge.succeeded"), due.stream().map(w -> w.type()).toList());
    assertEquals(1, webhooks.markWebhookDelivered(true, 1, null, due.get(0).id()));
    assertTrue(webhooks.dueWebhookEvents(OffsetDateTime.parse("2026-11-02T00:00:00Z")).isEmpty(), "the partial index's literal applies");
    assertEquals(1, new PaymentMethodsQueries(db).deleteExpiredPaymentMethods(LocalDate.of(2026, 1, 1)));
    assertFalse(new PaymentMethodsQueries(db).paymentMethodsForCustomer(C1).isEmpty());
  }
}
