/**
 * Address and domain syntax for account data: validation of admin input and the canonical forms
 * (lower-case ASCII domain, lower-case local part) under which accounts and aliases are stored and
 * looked up.
 */
package dev.tern.access.address;
