clinic_hub_test(config_tests SOURCES unit/config_test.cpp DEPS hub_config LABELS unit)
