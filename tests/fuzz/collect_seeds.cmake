# Gathers the fuzzers' seed corpora from the tests (cmake -DSOURCE=repo -DOUT=dir -P ...):
#   OUT/rules: every .donum of tests/lang, tests/data, stdlib-rules, examples, tests/fuzz/corpus/rules
#   OUT/csv:   every .csv of tests/data and tests/fuzz/corpus/csv, and the first 8 KB (whole lines) of
#              each examples/*.csv (header of the forfait structure plus a few rows)
#   OUT/scenarios: every scenario (.donum starting with a "scenario" line after comments) of
#              tests/data and examples, and tests/fuzz/corpus/scenarios
#   OUT/args:  tests/fuzz/corpus/args (a byte choosing the option, then its text)
# File names are the relative paths with '/' turned into '_'.
file(REMOVE_RECURSE ${OUT}/rules ${OUT}/csv ${OUT}/scenarios ${OUT}/args)
file(MAKE_DIRECTORY ${OUT}/rules ${OUT}/csv ${OUT}/scenarios ${OUT}/args)

function(copy_flat kind)
  foreach(file ${ARGN})
    file(RELATIVE_PATH rel ${SOURCE} ${file})
    string(REPLACE "/" "_" flat ${rel})
    configure_file(${file} ${OUT}/${kind}/${flat} COPYONLY)
  endforeach()
endfunction()

file(GLOB_RECURSE rules ${SOURCE}/tests/lang/*.donum ${SOURCE}/tests/fuzz/corpus/rules/*.donum)
file(GLOB more_rules ${SOURCE}/tests/data/*.donum ${SOURCE}/stdlib-rules/*.donum ${SOURCE}/examples/*.donum)
copy_flat(rules ${rules} ${more_rules})

file(GLOB csv ${SOURCE}/tests/data/*.csv ${SOURCE}/tests/fuzz/corpus/csv/*.csv)
copy_flat(csv ${csv})
file(GLOB big_csv ${SOURCE}/examples/*.csv)
foreach(file ${big_csv})
  file(READ ${file} text LIMIT 8000)
  string(FIND "${text}" "\n" cut REVERSE)
  string(SUBSTRING "${text}" 0 ${cut} text)
  get_filename_component(name ${file} NAME)
  file(WRITE ${OUT}/csv/examples_head_${name} "${text}\n")
endforeach()

file(GLOB candidates ${SOURCE}/tests/data/*.donum ${SOURCE}/examples/*.donum)
set(scenarios "")
foreach(file ${candidates})
  file(STRINGS ${file} first REGEX "^[ \t]*scenario[ \t]" LIMIT_COUNT 1)
  if(first)
    list(APPEND scenarios ${file})
  endif()
endforeach()
file(GLOB corpus_scenarios ${SOURCE}/tests/fuzz/corpus/scenarios/*)
copy_flat(scenarios ${scenarios} ${corpus_scenarios})

file(GLOB args ${SOURCE}/tests/fuzz/corpus/args/*)
copy_flat(args ${args})
