package dev.tern.ops;

public final class Main {
  public static void main(String[] args) {
  }
}
