// Cryptographic primitives from libsodium: random tokens, argon2id password
// hashes, SHA-256, constant-time comparison.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace ej::service {

// Must run once before any other function here (idempotent, thread-safe).
void InitCrypto();

// `bytes` random bytes, base64url without padding.
std::string RandomToken(size_t bytes = 32);

// argon2id (libsodium's interactive limits: 2 passes, 64 MiB), in the
// self-describing "$argon2id$v=19$..." form. Slow on purpose: never call on
// an io thread.
std::string HashPassword(std::string_view password);
bool VerifyPassword(std::string_view hash, std::string_view password);

std::string Sha256Hex(std::string_view data);

// A fresh activation code, normalized (domain::kActivationAlphabet, 8 characters).
std::string RandomActivationCode();

bool ConstantTimeEquals(std::string_view a, std::string_view b);

}  // namespace ej::service
