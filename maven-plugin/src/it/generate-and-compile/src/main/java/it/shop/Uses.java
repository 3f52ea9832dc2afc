package it.shop;

import it.modelc.generate_and_compile.model.Order;
import it.modelc.generate_and_compile.model.OrderStatus;
import it.modelc.generate_and_compile.model.OrdersQueries;

/** Application code compiled against the generated accessors. */
public final class Uses {
  private Uses() {}

  public static boolean isOpen(Order order) {
    return order.status() == OrderStatus.OPEN;
  }

  public static Class<?> queries() {
    return OrdersQueries.class;
  }
}
