package dev.tern.delivery.route.dns;

import org.xbill.DNS.Name;
import org.xbill.DNS.Type;

/** One DNS question: an absolute name (compared case-insensitively by dnsjava) and a record type. */
record Question(Name name, int type) {

  String typeName() {
    return Type.string(type);
  }

  @Override
  public String toString() {
    return name + "/" + typeName();
  }
}
