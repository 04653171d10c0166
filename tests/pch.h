// Precompiled header of the test programs: GoogleTest, Boost.JSON and the
// standard headers every suite uses.
#pragma once

#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>
