// crm audit list: who changed what, when.
#include <iostream>

#include "../lib/csv.h"
#include "../lib/error.h"
#include "../lib/text.h"
#include "../lib/yaml_read.h"
#include "context.h"

namespace crm {

namespace {

std::string record, actor, from, to;

void run_list(Context& ctx) {
    Store store = ctx.open_store();
    for (const auto& [flag, d] : {std::pair{"--from", &from}, std::pair{"--to", &to}})
        if (!d->empty() && !parse_date(*d))
            throw Failure(kUsage, std::string(flag) + ": " + quote_value(*d) + " is not a date (YYYY-MM-DD)");
    Table t;
    t.columns = {{"time", Kind::Text}, {"actor", Kind::Text}, {"command", Kind::Text}, {"record", Kind::Text},
                 {"fields", Kind::Text}};
    std::vector<std::string> files;
    std::error_code ec;
    for (auto it = fs::directory_iterator(store.path("audit"), ec); !ec && it != fs::directory_iterator(); it.increment(ec))
        if (it->is_directory())
            for (const auto& rel : store.list("audit/" + it->path().filename().string(), ".log")) files.push_back(rel);
    std::sort(files.begin(), files.end());
    for (const auto& rel : files) {
        std::string month = rel.substr(6, 4) + "-" + rel.substr(11, 2);
        if ((!from.empty() && month < from.substr(0, 7)) || (!to.empty() && month > to.substr(0, 7))) continue;
        for (const auto& line : split(read_file(store.path(rel).string()), '\n')) {
            auto f = split(line, '\t');
            if (f.size() != 5) continue;
            std::string day = f[0].substr(0, 10);
            if ((!from.empty() && day < from) || (!to.empty() && day > to)) continue;
            if ((!record.empty() && !starts_with(f[3], record)) || (!actor.empty() && f[1] != actor)) continue;
            t.add(f);
        }
    }
    render(select_fields(t, ctx.fields, {}), ctx.output(), std::cout);
}

}  // namespace

void add_audit_commands(CLI::App& app, Context& ctx) {
    auto* noun = add_noun(app, "audit");
    auto* list = add_command(noun, ctx, "list", run_list);
    list->add_option("--record", record, "only this record (ID or prefix)");
    list->add_option("--actor", actor, "only this actor");
    list->add_option("--from", from, "from this date (local, inclusive)");
    list->add_option("--to", to, "to this date (inclusive)");
}

}  // namespace crm
