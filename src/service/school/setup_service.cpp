#include "service/school/setup_service.h"

#include "domain/account_rules.h"
#include "service/common/crypto.h"
#include "service/common/insert_statement.h"
#include "service/journal/mark_service.h"
#include "service/school/school_statements.h"

namespace ej::service {

using domain::Error;
using domain::ErrorCode;
using storage::Value;

bool HoldsData(storage::Connection& conn) {
  return conn.QueryOne("SELECT 1 FROM schools LIMIT 1").has_value() ||
         conn.QueryOne("SELECT 1 FROM users LIMIT 1").has_value();
}

domain::Result<InitResult> InitInstallation(storage::Connection& conn, const Clock& clock, InitCommand cmd) {
  if (auto st = domain::CheckNamePart("school", cmd.school_name); !st) return st.error();
  if (cmd.school_short_name.empty()) cmd.school_short_name = cmd.school_name;
  cmd.administrator.roles = {domain::Role::kAdministrator};
  if (auto st = accounts::Check(cmd.administrator); !st) return st.error();
  const std::string hash = HashPassword(cmd.administrator.password);

  storage::Transaction tx(conn, storage::TxMode::kWrite);
  if (conn.QueryOne("SELECT 1 FROM user_roles WHERE role = 'administrator' LIMIT 1")) {
    return Error::WithDetail(ErrorCode::kInvalidValue,
                             "администратор уже есть; новых администраторов создаёт администратор");
  }
  auto school =
      conn.QueryOne(sql::InsertOne(kSchoolInto) + " RETURNING id",
                    {Value{cmd.school_name}, Value{cmd.school_short_name}, Value{cmd.time_zone}, Value{clock.Now()}});
  const int64_t school_id = school->Int(0);
  journal_rules::SeedWorkTypes(conn, school_id);
  auto admin = accounts::Create(conn, clock, school_id, cmd.administrator, hash);
  if (!admin) return admin.error();
  tx.Commit();
  return InitResult{school_id, *admin};
}

}  // namespace ej::service
