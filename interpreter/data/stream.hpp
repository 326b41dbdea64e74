// An activity file read in parts on every core, each part's accepted rows handed on as a
// batch as soon as the parts before it are merged: what load_table builds its table from, and
// what a pass that needs the rows once (donum eval) works on without keeping them.
#ifndef DONUM_INTERPRETER_DATA_STREAM_HPP
#define DONUM_INTERPRETER_DATA_STREAM_HPP

#include <string>

#include "interpreter/data/batch.hpp"
#include "interpreter/data/csv.hpp"
#include "interpreter/data/schema.hpp"
#include "interpreter/data/table.hpp"

namespace donum::data {

/// What a read in parts does with each part's accepted rows.
class batch_consumer {
public:
    virtual ~batch_consumer() = default;
    /// Called once for each batch (a part's accepted rows, its duplicates left out, numbered
    /// among the file's accepted rows), on a reading thread, usually the one that read it,
    /// several batches at once: the place for the work of each row.
    virtual void process(row_batch& batch) = 0;
    /// Called for each processed batch in file order, one at a time: the place to gather.
    virtual void fold(row_batch& batch) = 0;
};

/// Reads and validates the activity file at `path` against `s`, as load_table does (the same
/// errors, rejected rows and fatal problems, in the result), but hands the accepted rows of
/// each part to `consumer` instead of keeping them: the result's table is empty and
/// load_result::rows counts them. With options.only_if_valid, no batch is handed on once a
/// row is rejected or the file is fatal. An Excel workbook is read as the CSV of its sheet
/// (options.sheet; xlsx.hpp), its errors named by cell, as load_table does. Throws
/// csv_io_error when the file cannot be read (or is a workbook that cannot), and
/// whatever the consumer throws (after every reading thread has stopped).
///
/// How: the rows (after the header) are cut into parts of about options.part_bytes at line
/// ends; each core reads and validates parts; the parts are merged in file order, the one
/// serial step, where duplicate (id, year) keys are found; then each part is processed, and
/// folded in order. A cut that falls inside a quoted field (a quoted line break) is found by
/// the reading of the part before, which then ends inside that field: the rows after it are
/// read again from the record it cut, in parts, one after the other, on one core.
[[nodiscard]] load_result read_in_batches(const std::string& path, const schema& s, const table_options& options, batch_consumer& consumer);

/// Same on an in-memory `text`; `display_name` names it in errors.
[[nodiscard]] load_result read_text_in_batches(std::string display_name, std::string_view text, const schema& s, const table_options& options, batch_consumer& consumer);

}  // namespace donum::data

#endif
