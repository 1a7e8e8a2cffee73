#pragma once
// Reading a SQLite file (a GeoPackage) with SQLite itself, independently of GDAL: tests use it
// to check what pooled wrote at the level of tables and rows.

#include <sqlite3.h>

#include <stdexcept>
#include <string>
#include <vector>

namespace pooled::test {

/// One row of a query's result: every column as text ("NULL" for null).
using SqlRow = std::vector<std::string>;

/// Runs `sql` on the database at `path` (opened read-only) and returns its rows.
/// @throws std::runtime_error with SQLite's message.
inline std::vector<SqlRow> sqlite_query(const std::string &path, const std::string &sql) {
    sqlite3 *db = nullptr;
    if (sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) {
        const std::string message = db ? sqlite3_errmsg(db) : "out of memory";
        sqlite3_close(db);
        throw std::runtime_error("cannot open " + path + ": " + message);
    }
    sqlite3_stmt *statement = nullptr;
    if (sqlite3_prepare_v2(db, sql.c_str(), -1, &statement, nullptr) != SQLITE_OK) {
        const std::string message = sqlite3_errmsg(db);
        sqlite3_close(db);
        throw std::runtime_error(sql + ": " + message);
    }
    std::vector<SqlRow> rows;
    int status = SQLITE_ROW;
    while ((status = sqlite3_step(statement)) == SQLITE_ROW) {
        SqlRow row;
        for (int i = 0; i < sqlite3_column_count(statement); ++i) {
            const auto *text = sqlite3_column_text(statement, i);
            row.emplace_back(text ? reinterpret_cast<const char *>(text) : "NULL");
        }
        rows.push_back(std::move(row));
    }
    const std::string message = sqlite3_errmsg(db);
    sqlite3_finalize(statement);
    sqlite3_close(db);
    if (status != SQLITE_DONE) {
        throw std::runtime_error(sql + ": " + message);
    }
    return rows;
}

} // namespace pooled::test
