#include "service/people/consent_service.h"

#include <algorithm>

#include "domain/account_rules.h"
#include "domain/calendar.h"
#include "domain/rights.h"
#include "service/common/actor_loader.h"
#include "service/common/insert_statement.h"
#include "service/people/people_statements.h"
#include "storage/columns.h"

namespace ej::service {

using domain::Action;
using domain::Error;
using domain::ErrorCode;
using domain::Resource;
using storage::TxMode;
using storage::Value;

namespace {

// The school where the person is a parent, if any.
std::optional<int64_t> ParentSchool(const domain::PersonRef& ref) {
  for (const auto& g : ref.grants) {
    if (g.role == domain::Role::kParent) return g.school_id;
  }
  return std::nullopt;
}

struct ConsentColumns : storage::Columns {
  size_t id = Add("id");
  size_t kind = Add("kind");
  size_t effective_on = Add("effective_on");
  size_t document = Add("document");
  size_t recorded_by = Add("recorded_by");
  size_t recorded_at = Add("recorded_at");
};
const ConsentColumns kConsent;

ConsentState Load(storage::Connection& conn, int64_t parent_id) {
  const ConsentColumns& k = kConsent;
  ConsentState state;
  for (const auto& r :
       conn.Query("SELECT " + k.List() + " FROM parent_consents WHERE parent_id = $1 ORDER BY effective_on, id",
                  {Value{parent_id}})) {
    state.history.push_back({r.Int(k.id), r.Text(k.kind), r.Text(k.effective_on).substr(0, 10), r.Text(k.document),
                             r.Int(k.recorded_by), r.Int(k.recorded_at)});
  }
  state.given = !state.history.empty() && state.history.back().kind == "given";
  return state;
}

}  // namespace

domain::Result<ConsentState> ConsentService::Get(storage::Connection& conn, const domain::Actor& actor,
                                                 int64_t parent_id) {
  storage::Transaction tx(conn, TxMode::kRead);
  const domain::PersonRef ref = LoadPersonRef(conn, parent_id, clock_.Today());
  auto school = ParentSchool(ref);
  if (!school || (parent_id != actor.user_id &&
                  !domain::Allowed(actor, Action::kKeepPersonData, Resource::OfPerson(ref, *school)))) {
    return Error::Of(ErrorCode::kNotFound);
  }
  auto state = Load(conn, parent_id);
  tx.Commit();
  return state;
}

domain::Result<ConsentState> ConsentService::Record(storage::Connection& conn, const domain::Actor& actor,
                                                    int64_t parent_id, const std::string& kind, const std::string& date,
                                                    const std::string& document) {
  if (kind != "given" && kind != "withdrawn") {
    return Error::WithDetail(ErrorCode::kInvalidValue, "kind (given, withdrawn)");
  }
  auto day = domain::ParseDate(date);
  if (!day) return Error::WithDetail(ErrorCode::kInvalidValue, "date (ГГГГ-ММ-ДД)");
  if (domain::FormatDate(*day) > clock_.Today()) {
    return Error::WithDetail(ErrorCode::kInvalidValue, "date: согласие не может быть датировано будущим днём");
  }
  if (auto st = domain::CheckNamePart("document", document); !st) return st.error();
  storage::Transaction tx(conn, TxMode::kWrite);
  const domain::PersonRef ref = LoadPersonRef(conn, parent_id, clock_.Today());
  auto school = ParentSchool(ref);
  if (!school || (parent_id != actor.user_id &&
                  !domain::Allowed(actor, Action::kKeepPersonData, Resource::OfPerson(ref, *school)))) {
    return Error::Of(ErrorCode::kNotFound);
  }
  if (!domain::Allowed(actor, Action::kKeepPersonData, Resource::OfPerson(ref, *school))) {
    return Error::Of(ErrorCode::kForbidden);  // a parent reads, but the school records
  }
  conn.Query(sql::InsertOne(kParentConsentInto), {Value{*school}, Value{parent_id}, Value{kind}, Value{date},
                                                  Value{document}, Value{actor.user_id}, Value{clock_.Now()}});
  auto state = Load(conn, parent_id);
  tx.Commit();
  return state;
}

}  // namespace ej::service
