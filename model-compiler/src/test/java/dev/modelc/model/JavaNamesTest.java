package dev.modelc.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JavaNamesTest {
  @ParameterizedTest
  @CsvSource({"charges,Charge", "api_keys,ApiKey", "categories,Category", "addresses,Address", "statuses,Status",
      "warehouses,Warehouse", "boxes,Box", "batches,Batch", "responses,Response", "exchange_rates,ExchangeRate",
      "news,New", "data,Data", "class,ClassRow", "strings,StringRow", "process,ProcessRow", "glass,Glass"})
  void tablesBecomeSingularRecordNames(String table, String record) {
    assertEquals(record, JavaNames.record(table));
  }

  @ParameterizedTest
  @CsvSource({"merchant_id,merchantId", "class,class_", "hash_code,hashCode_", "to_string,toString_", "_x,x", "a__b,aB"})
  void columnsBecomeCamelCaseFieldsThatAreNeverKeywords(String column, String field) {
    assertEquals(field, JavaNames.field(column));
  }
}
