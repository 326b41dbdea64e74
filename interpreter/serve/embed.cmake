# Writes OUT, a C++ file defining donum::serve::page_assets(): each file of FILES ('|' between
# names, in DIR) as
# bytes, so that the binary serves its page without reading any file at run time.
# Generated; do not edit the output.
string(REPLACE "|" ";" FILES "${FILES}")
set(body "")
foreach(f ${FILES})
  file(READ ${DIR}/${f} hex HEX)
  string(REGEX REPLACE "([0-9a-f][0-9a-f])" "'\\\\x\\1'," bytes "${hex}")
  string(MAKE_C_IDENTIFIER "${f}" id)
  string(APPEND body "const char ${id}[] = {${bytes} 0};\n")
endforeach()
set(list "")
foreach(f ${FILES})
  string(MAKE_C_IDENTIFIER "${f}" id)
  string(APPEND list "        {\"/${f}\", std::string_view(${id}, sizeof ${id} - 1)},\n")
endforeach()
file(WRITE ${OUT} "// Generated from interpreter/serve/page/ by embed.cmake. Do not edit.
#include \"interpreter/serve/server.hpp\"

namespace donum::serve {

namespace {
${body}
}  // namespace

const std::map<std::string_view, std::string_view>& page_assets()
{
    static const std::map<std::string_view, std::string_view> assets{
${list}    };
    return assets;
}

}  // namespace donum::serve
")
