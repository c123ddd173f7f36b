// The driver is libFuzzer's own; this target only declares it (see CFuzzDriver.h).
#include "CFuzzDriver.h"
