// The transitions log, transitions/YYYY/MM.csv (by the night's month):
// date,customer,field,from,to for every change of lifecycle, segment, tier or
// high value that rfm recompute made. Automations and the timeline read it.
#pragma once
#include <string>
#include <vector>

#include "clock.h"
#include "store.h"

namespace crm {

struct Transition {
    Date date;
    std::string customer, field, from, to;
};

// "transitions/2026/11.csv" for a night in November 2026.
std::string transitions_path(Date night);
// The log's lines for these transitions, with the header when the file is new.
std::string transitions_text(const std::vector<Transition>& list, bool new_file);
// Every transition of the store up to and including the night last, in file order.
std::vector<Transition> read_transitions(const Store& store, Date last);

}  // namespace crm
