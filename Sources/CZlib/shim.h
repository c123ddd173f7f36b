// zlib for the search index's stored block text (Debian: zlib1g-dev).
#include <zlib.h>
