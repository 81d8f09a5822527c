import SweepAPI

/// Indirection so that commands name one type for "the API client".
enum APIClientFactory {
    typealias Client = APIClient
}
