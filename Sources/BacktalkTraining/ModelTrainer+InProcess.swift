import BacktalkCore

extension ModelTrainer {
    /// Trains in this process (for tests and tools; the daemon trains in a child process).
    public static let inProcess = ModelTrainer { layers, output in
        let knowledge = try KnowledgeBaseLoader.load(layers: layers)
        let options = TrainingOptions.withOutOfScopeClass
        try ModelFile.write(TrainedModel(training: knowledge, options: options), options: options, to: output)
    }
}
