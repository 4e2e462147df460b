/**
 * Contract tests for PyHost's plug-in points: extend
 * {@link dev.pyhost.testkit.contract.ExecutionModeContract}, {@link dev.pyhost.testkit.contract.ExitHandlerContract}
 * or {@link dev.pyhost.testkit.contract.InstallationLocatorContract} in a test class, say how to make your plug-in
 * (and, for modes and locators, in which situations it should apply), and JUnit runs every rule that the SPI
 * documents against it. Each rule is one test, named for the rule, whose failure says what the plug-in did.
 */
package dev.pyhost.testkit.contract;
