package com.example.payments;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.example.payments.db.Charge;
import com.example.payments.db.ChargeStatus;
import com.example.payments.db.ChargesQueries;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The service's own test: the generated accessors against a real PostgreSQL. */
class ChargesTest {
  @Test
  void recentChargesComeBackNewestFirst() throws Exception {
    try (EmbeddedPostgres pg = EmbeddedPostgres.builder().start(); Connection db = pg.getPostgresDatabase().getConnection();
        Statement s = db.createStatement()) {
      // the schema modelc ddl prints for the payments model, kept next to this test
      s.execute(Files.readString(Path.of("src/test/resources/schema.sql")));
      UUID merchant = UUID.randomUUID();
      s.execute("insert into merchants (id, name, country) values ('" + merchant + "', 'Acme', 'DE')");
      ChargesQueries charges = new ChargesQueries(db);
      Charge first = charges.createCharge(merchant, null, null, 500, "EUR", null, null, null);
      Charge second = charges.createCharge(merchant, null, null, 700, "EUR", null, null, null);
      assertEquals(ChargeStatus.PENDING, first.status());
      List<Charge> recent = charges.recentChargesForMerchant(merchant, OffsetDateTime.now().plusMinutes(1));
      assertEquals(List.of(second.id(), first.id()), recent.stream().map(Charge::id).toList());
    }
  }
}
