package dev.modelc.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modelc.compile.Compiler;
import dev.modelc.dialect.PostgresDdl;
import dev.modelc.example.shop.LineItem;
import dev.modelc.example.shop.LineItemsQueries;
import dev.modelc.example.shop.Shop;
import dev.modelc.example.shop.ShopsQueries;
import dev.modelc.example.shop.User;
import dev.modelc.example.shop.UsersQueries;
import dev.modelc.testing.Postgres;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The generated accessors of the model with every type of the language, against a real
 * PostgreSQL: each value goes in through a generated insert and comes back through the generated
 * selects, and each query pattern (expression, array, pattern, text-search, range and hash
 * lookups) finds the row.
 */
class ShopAccessorsTest {
  static final Path MODEL = Path.of("src/test/resources/cases/language-v2/model.yaml");

  @Test
  void everyTypeRoundTripsAndEveryQueryFindsItsRows() throws Exception {
    var model = Compiler.compile(List.of(MODEL)).model().orElseThrow();
    try (Connection db = Postgres.connect(Postgres.freshDatabase("shop_accessors")); Statement s = db.createStatement()) {
      s.execute(PostgresDdl.createSchema(model));
      UsersQueries users = new UsersQueries(db);
      OffsetDateTime login = OffsetDateTime.of(2024, 5, 6, 7, 8, 9, 123_456_000, ZoneOffset.ofHours(2));
      User ana = users.addUser("Ana@Example.com", "Ana", "anabanana", Arrays.asList(1, null, 3), "10.0.0.1", "10.0.0.0/8",
          "08:00:2b:01:02:03", "12.50", "<profile><city>Lyon</city></profile>", "a fat cat sat", "1010", "101",
          LocalTime.of(7, 30), List.of(LocalDate.of(2024, 1, 2)), List.of(login),
          Arrays.asList(LocalTime.of(6, 0, 0, 250_000_000), null), List.of("192.168.1.7", "::1"));
      assertEquals("Ana@Example.com", ana.email());
      assertEquals("Ana", ana.firstName());
      assertEquals(List.of(), ana.tags(), "the '{}' default is an empty list");
      assertEquals(Arrays.asList(1, null, 3), ana.scores(), "nulls inside an array are kept");
      assertEquals("10.0.0.1", ana.lastIp());
      assertEquals("10.0.0.0/8", ana.network());
      assertEquals("08:00:2b:01:02:03", ana.device());
      assertEquals("00:30:00", ana.sessionTtl(), "interval default, in PostgreSQL's output format");
      assertTrue(ana.credit().contains("12.50"), ana.credit());
      assertEquals("<profile><city>Lyon</city></profile>", ana.profile());
      assertEquals("'a' 'cat' 'fat' 'sat'", ana.search());
      assertEquals("1010", ana.flags());
      assertEquals("101", ana.mask());
      assertEquals(LocalTime.of(7, 30), ana.wakeAt());
      assertEquals(List.of(LocalDate.of(2024, 1, 2)), ana.seenDates());
      assertEquals(login.toInstant(), ana.loginTimes().get(0).toInstant(), "timestamptz[] keeps the instant");
      assertEquals(Arrays.asList(LocalTime.of(6, 0, 0, 250_000_000), null), ana.alarms(), "time[] keeps fractions");
      assertEquals(List.of("192.168.1.7", "::1"), ana.knownIps());
      assertEquals(0, ana.order(), "a reserved word as a column name, quoted");
      assertTrue(ana.signedUpAt().isAfter(OffsetDateTime.now().minusMinutes(5)), "timestamptz(3) default now()");
      assertEquals(0, ana.signedUpAt().getNano() % 1_000_000, "timestamptz(3) keeps milliseconds only");
      assertEquals(1L, ana.id(), "identity always: PostgreSQL numbers the row");

      assertEquals(ana, users.userByEmail("ANA@EXAMPLE.COM").orElseThrow(), "citext compares without case");
      assertEquals(List.of(ana), users.usersByFirstName("ana"), "expression condition lower(\"first name\")");
      assertEquals(List.of(ana), users.usersByNickname("%BANANA"), "ilike");
      assertEquals(List.of(ana), users.usersMatching("fat & cat"), "text search");
      assertEquals(List.of(), users.usersMatching("dog"));
      assertEquals(List.of(ana), users.usersOnAddress("10.0.0.1"), "inet equality");
      assertEquals(List.of(ana), users.usersSignedUpBetween(OffsetDateTime.now().minusHours(1), OffsetDateTime.now().plusHours(1)));
      assertEquals(1, users.retagUser(List.of("vip", "beta"), ana.id()), "an array column set from a list");
      assertEquals(List.of("vip", "beta"), users.usersWithTags(List.of("beta")).get(0).tags(), "array containment");
      assertEquals(List.of(), users.usersWithTags(List.of("gamma")));

      User nobody = users.addUser("b@example.com", "Bo", null, null, null, null, null, null, null, null, null, null, null,
          null, null, null, null);
      assertNull(nobody.scores(), "a null array is null, not empty");
      assertNull(nobody.flags());
      assertEquals(2L, nobody.id());

      ShopsQueries shops = new ShopsQueries(db);
      Shop shop = shops.addShop(7, "Corner", ana.id());
      assertEquals(1, shop.id(), "serial from the named sequence");
      assertEquals(List.of(shop), shops.shopsOfTenant(7));

      LineItemsQueries lines = new LineItemsQueries(db);
      LineItem line = lines.addLine(7, shop.id(), 3, 250, "ABC");
      assertEquals(750L, line.totalCents(), "generated column computed by PostgreSQL");
      assertEquals("ABC     ", line.code(), "char(8) pads");
      assertEquals(List.of(new LineItemsQueries.LinesOfShopRow(line.id(), 3, 750L)), lines.linesOfShop(7, shop.id()));
      assertEquals(line.id(), lines.linesOfShop(7, shop.id()).get(0).id());
      assertTrue(ana.signedUpAt().truncatedTo(ChronoUnit.MILLIS).equals(ana.signedUpAt()));
    }
  }
}
